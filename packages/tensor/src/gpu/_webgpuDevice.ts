// The WebGPU device: WGSL compute kernels written directly against the WebGPU API, not through gpu.js. gpu.js
// 2.24's `mode: 'webgpu'` returns a Promise from every kernel call, which would make every tensor a promise; the
// WebGPU API itself is synchronous except for reading back (`mapAsync`): buffers, pipelines, bind groups and
// submissions are made at once, and the queue runs them in order. So ops here return device tensors at once,
// chains of ops stay on the GPU, and only `await x.dataAsync()` waits (`.data` is a TypeError naming it).
// Each kernel is one pass: one output element per invocation, integer index math, shapes inlined, scalars
// (rank-0 CPU tensors, the optimizers' hyperparameters) in a uniform buffer so that new values compile nothing.
import { DEVICE_PROTOCOL_VERSION, type DeviceAttributes, type DeviceStorage, Tensor } from '@dl/tensor';
import type { GpuDevice } from './_gpuDevice';
import { lower, staysOnCpu } from './_lowering';
import { checkMinSize } from './_minSize';
import * as wgsl from './_wgslKernels';

/* The parts of the WebGPU API the device uses (the DOM typings are not part of this package's build). */
interface GBuffer {
  destroy(): void;
  mapAsync(mode: number): Promise<void>;
  getMappedRange(): ArrayBuffer;
  unmap(): void;
}
interface GPipeline {
  getBindGroupLayout(i: number): unknown;
}
interface GDevice {
  createBuffer(d: { size: number; usage: number; mappedAtCreation?: boolean }): GBuffer;
  createShaderModule(d: { code: string }): unknown;
  createComputePipeline(d: unknown): GPipeline;
  createBindGroup(d: unknown): unknown;
  createCommandEncoder(): {
    beginComputePass(): {
      setPipeline(p: GPipeline): void;
      setBindGroup(i: number, g: unknown): void;
      dispatchWorkgroups(x: number, y?: number, z?: number): void;
      end(): void;
    };
    copyBufferToBuffer(a: GBuffer, ao: number, b: GBuffer, bo: number, n: number): void;
    finish(): unknown;
  };
  queue: { submit(c: unknown[]): void; writeBuffer(b: GBuffer, o: number, d: ArrayBufferView): void };
  limits: { maxComputeWorkgroupsPerDimension: number };
  destroy(): void;
  pushErrorScope?(f: string): void;
  popErrorScope?(): Promise<unknown>;
}

const STORAGE_USAGE = 0x80 | 0x04 | 0x08; // STORAGE | COPY_SRC | COPY_DST
const UNIFORM_USAGE = 0x40 | 0x08; // UNIFORM | COPY_DST
const READ_USAGE = 0x01 | 0x08; // MAP_READ | COPY_DST
const MAP_READ = 0x1;
const WG = 64;
/** Products of at least this many multiply-adds per matrix (M N K) use the tiled matmul: 64³. */
const TILED_FROM = 262144;

const STORAGE = Symbol.for('@dl/tensor.DeviceStorage');

interface Memory {
  buffer: GBuffer | null;
  refs: number;
  cache: Float32Array | null;
  pending: Promise<Float32Array> | null;
  size: number;
}

/** Settings of {@link createWebGpuDevice}. */
export interface WebGpuDeviceSettings {
  device: unknown;
  strict: boolean;
  minSize: number;
  renderer: string;
  warn: (message: string) => void;
}

/** One kernel: its source, and the inputs and scalars it reads. */
interface Kernel {
  pipeline: GPipeline | string;
  inputs: number;
  uniforms: number;
}

/** @internal The WebGPU device (see the file comment). */
export function createWebGpuDevice(settings: WebGpuDeviceSettings): GpuDevice {
  const gpu = settings.device as GDevice;
  const { strict, warn, renderer } = settings;
  let minSize = settings.minSize;
  const name = 'webgpu';
  const pipelines = new Map<string, Kernel>();
  const warned = new Set<string>();
  let live = 0;
  const memories = new WeakMap<DeviceStorage, Memory>();

  const read = (memory: Memory): Promise<Float32Array> => {
    if (memory.cache !== null) return Promise.resolve(memory.cache);
    if (memory.pending !== null) return memory.pending;
    if (memory.buffer === null) return Promise.resolve((memory.cache = new Float32Array(memory.size)));
    const bytes = Math.max(4, memory.size * 4);
    const staging = gpu.createBuffer({ size: bytes, usage: READ_USAGE });
    const enc = gpu.createCommandEncoder();
    enc.copyBufferToBuffer(memory.buffer, 0, staging, 0, bytes);
    gpu.queue.submit([enc.finish()]);
    memory.pending = staging.mapAsync(MAP_READ).then(() => {
      const a = new Float32Array(staging.getMappedRange().slice(0, memory.size * 4));
      staging.unmap();
      staging.destroy();
      memory.cache = a;
      memory.pending = null;
      return a;
    });
    return memory.pending;
  };

  const handle = (memory: Memory): DeviceStorage => {
    let disposed = false;
    memory.refs++;
    const storage = {
      [STORAGE]: true,
      device,
      get disposed() {
        return disposed;
      },
      share: () => handle(memory),
      readSync(): Float32Array {
        if (memory.cache !== null) return memory.cache;
        throw new TypeError(
          'data: a webgpu tensor cannot be read synchronously (WebGPU reads back asynchronously); use await x.dataAsync() (an op without a webgpu kernel reads its inputs so: it cannot run on WebGPU)',
        );
      },
      read: () => read(memory),
      dispose(): void {
        if (disposed) return;
        disposed = true;
        if (--memory.refs === 0 && memory.buffer !== null) {
          memory.buffer.destroy();
          memory.buffer = null;
          memory.cache = null;
          live--;
        }
      },
    } as unknown as DeviceStorage;
    memories.set(storage, memory);
    return storage;
  };

  const newBuffer = (size: number): GBuffer => {
    live++;
    return gpu.createBuffer({ size: Math.max(4, size * 4), usage: STORAGE_USAGE });
  };

  /** A new storage buffer holding `data`. */
  const bufferWith = (data: Float32Array): GBuffer => {
    const buffer = newBuffer(data.length);
    gpu.queue.writeBuffer(buffer, 0, data);
    return buffer;
  };

  const upload = (data: Float32Array, cache = false): DeviceStorage => {
    const size = data.length;
    if (size === 0) return handle({ buffer: null, refs: 0, cache: new Float32Array(0), pending: null, size });
    // below the small-tensor threshold the elements stay on the CPU and the buffer is made when a kernel first
    // reads them (ops on CPU copies may run on the CPU: no upload, no readback)
    if (size < minSize)
      return handle({ buffer: null, refs: 0, cache: cache ? data : data.slice(), pending: null, size });
    return handle({ buffer: bufferWith(data), refs: 0, cache: cache ? data : null, pending: null, size });
  };

  /** Compiles `key`'s kernel on first use: `body` computes `v` for output index `o`. */
  const kernel = (
    key: string,
    size: number,
    inputs: number,
    uniforms: number,
    body: () => string,
    main?: () => string,
  ): Kernel => {
    let k = pipelines.get(key);
    if (k !== undefined) return k;
    const decl: string[] = [
      '@group(0) @binding(0) var<storage, read_write> out_: array<f32>;',
      'var<private> nanBits_: u32 = 0x7fc00000u;',
      'var<private> infBits_: u32 = 0x7f800000u;',
    ];
    for (let j = 0; j < inputs; j++)
      decl.push(`@group(0) @binding(${j + 1}) var<storage, read> t${j}: array<f32>;`);
    if (uniforms > 0) {
      decl.push(
        `@group(0) @binding(${inputs + 1}) var<uniform> u_: array<vec4<f32>, ${Math.ceil(uniforms / 4)}>;`,
      );
      decl.push('fn U(i: u32) -> f32 { return u_[i / 4u][i % 4u]; }');
    }
    const code = main
      ? `${decl.join('\n')}\n${main()}`
      : `${decl.join('\n')}
@compute @workgroup_size(${WG})
fn main(@builtin(global_invocation_id) gid: vec3<u32>, @builtin(num_workgroups) nw: vec3<u32>) {
  let o = gid.x + gid.y * nw.x * ${WG}u;
  if (o >= ${size}u) { return; }
  ${body()}
  out_[o] = v;
}`;
    try {
      gpu.pushErrorScope?.('validation');
      const module = gpu.createShaderModule({ code });
      const pipeline = gpu.createComputePipeline({ layout: 'auto', compute: { module, entryPoint: 'main' } });
      const made: Kernel = { pipeline, inputs, uniforms };
      k = made;
      // WebGPU reports a shader that does not compile asynchronously: the kernel is marked broken, and the
      // failure named once (later calls return the reason; the op that ran already got an invalid result)
      void gpu.popErrorScope?.().then((error) => {
        if (error === null || error === undefined) return;
        const reason = `the kernel failed to compile: ${(error as { message?: string }).message ?? String(error)}`;
        made.pipeline = reason;
        const message = `@dl/tensor/gpu: the webgpu kernel ${key.split('|')[0]} failed to compile (${reason})`;
        if (!warned.has(key)) {
          warned.add(key);
          warn(message);
        }
      });
    } catch (e) {
      k = { pipeline: `the kernel failed to compile: ${(e as Error).message}`, inputs, uniforms };
    }
    pipelines.set(key, k);
    return k;
  };

  const bufferOf = (t: Tensor): GBuffer => {
    const m = memories.get(t.storage!)!;
    if (m.buffer === null && m.size > 0) m.buffer = bufferWith(m.cache!); // a small tensor, uploaded on first use
    return m.buffer!;
  };

  /** Runs a kernel into a new tensor of `shape`; `ins` are device tensors, `scalars` go to the uniform buffer. */
  const launch = (
    key: string,
    shape: readonly number[],
    ins: readonly Tensor[],
    scalars: readonly number[],
    body: () => string,
    custom?: { main: () => string; groups: readonly [number, number, number] },
  ): Tensor | string | null => {
    let size = 1;
    for (const d of shape) size *= d;
    if (size === 0)
      return new Tensor(
        handle({ buffer: null, refs: 0, cache: new Float32Array(0), pending: null, size: 0 }),
        shape.slice(),
        'float32',
      );
    const k = kernel(key, size, ins.length, scalars.length, body, custom?.main);
    if (typeof k.pipeline === 'string') return k.pipeline;
    const out = newBuffer(size);
    const entries: { binding: number; resource: { buffer: GBuffer } }[] = [
      { binding: 0, resource: { buffer: out } },
    ];
    ins.forEach((t, j) => {
      entries.push({ binding: j + 1, resource: { buffer: bufferOf(t) } });
    });
    let uniform: GBuffer | null = null;
    if (scalars.length > 0) {
      const data = new Float32Array(Math.ceil(scalars.length / 4) * 4);
      data.set(scalars);
      uniform = gpu.createBuffer({ size: data.byteLength, usage: UNIFORM_USAGE });
      gpu.queue.writeBuffer(uniform, 0, data);
      entries.push({ binding: ins.length + 1, resource: { buffer: uniform } });
    }
    const group = gpu.createBindGroup({ layout: k.pipeline.getBindGroupLayout(0), entries });
    const enc = gpu.createCommandEncoder();
    const pass = enc.beginComputePass();
    pass.setPipeline(k.pipeline);
    pass.setBindGroup(0, group);
    const groups = Math.ceil(size / WG);
    const max = gpu.limits.maxComputeWorkgroupsPerDimension;
    if (custom) pass.dispatchWorkgroups(...custom.groups);
    else if (groups <= max) pass.dispatchWorkgroups(groups);
    else pass.dispatchWorkgroups(max, Math.ceil(groups / max));
    pass.end();
    gpu.queue.submit([enc.finish()]);
    uniform?.destroy(); // freed once the submitted work is done
    return new Tensor(
      handle({ buffer: out, refs: 0, cache: null, pending: null, size }),
      shape.slice(),
      'float32',
    );
  };

  const run = (op: string, inputs: readonly Tensor[], at: DeviceAttributes): Tensor | string | null => {
    for (const t of inputs)
      if (t.storage !== null && !memories.has(t.storage)) return 'a tensor of another device';
    const l = lower(op, inputs, at);
    if (typeof l === 'string') return `no ${name} kernel for ${op}`;
    if (staysOnCpu(l, minSize, (t) => memories.get(t.storage!)!.cache !== null)) return null;
    // device operands are storage buffers t0…; rank-0 CPU operands and the op's scalars go to the uniforms
    const ins: Tensor[] = [];
    const scalars: number[] = [];
    const reads = l.inputs.map((t) => {
      if (t.storage === null) {
        scalars.push(t.data[0]!);
        return (_: string) => `U(${scalars.length - 1}u)`;
      }
      ins.push(t);
      const b = ins.length - 1;
      return (i: string) => `t${b}[${i}]`;
    });
    scalars.push(...l.scalars);
    const read = (j: number, index: string) => reads[j]!(index);
    switch (l.kind) {
      case 'softmax': {
        if (l.shape.length === 0) return launch(l.key, [], [], [], () => `let v = ${l.log ? '0.0' : '1.0'};`);
        const lse = launch(l.lseKey, l.rows, ins, [], () => wgsl.logSumExp(l));
        if (!(lse instanceof Tensor)) return lse;
        const out = launch(l.key, l.shape, [...ins, lse], [], () => wgsl.softmax(l));
        lse.dispose();
        return out;
      }
      case 'matmul': {
        const p = l.plan;
        // small products: the short kernel (the tiled one's compile costs more than it saves)
        if (p.M * p.N * p.K < TILED_FROM) break;
        return launch(l.key, l.shape, ins, [], () => '', {
          groups: [Math.ceil(p.N / wgsl.BLOCK), Math.ceil(p.M / wgsl.BLOCK), p.B],
          main: () => wgsl.tiledMatmul(p),
        });
      }
    }
    return launch(l.key, l.shape, ins, scalars, () => wgsl.body(l, read));
  };

  const device: GpuDevice = {
    protocol: DEVICE_PROTOCOL_VERSION,
    name,
    get liveTextures() {
      return live;
    },
    get minSize() {
      return minSize;
    },
    set minSize(v: number) {
      minSize = checkMinSize('webgpu device: minSize', v);
    },
    renderer,
    get kernelCount() {
      return pipelines.size;
    },
    upload,
    run,
    fallback(op, reason) {
      // reading inputs back for the CPU is asynchronous on WebGPU: an op without a kernel cannot run
      throw new TypeError(
        `${op}: no ${name} kernel (${reason}); on WebGPU every op needs a device kernel, since reading back is asynchronous: read the inputs with await x.dataAsync() and run it on CPU tensors`,
      );
    },
    destroy() {
      pipelines.clear();
      gpu.destroy();
    },
  };
  void strict; // there is no CPU fallback on WebGPU to forbid: an op without a kernel is always an error
  return device;
}
