// The WebGPU device: WGSL compute kernels written directly against the WebGPU API, not through gpu.js. gpu.js
// 2.24's `mode: 'webgpu'` returns a Promise from every kernel call, which would make every tensor a promise; the
// WebGPU API itself is synchronous except for reading back (`mapAsync`): buffers, pipelines, bind groups and
// submissions are made at once, and the queue runs them in order. So ops here return device tensors at once,
// chains of ops stay on the GPU, and only `await x.dataAsync()` waits (`.data` is a TypeError naming it).
// Each kernel is one pass: one output element per invocation, integer index math, shapes inlined, scalars
// (rank-0 CPU tensors, the optimizers' hyperparameters) in a uniform buffer so that new values compile nothing.
import { DEVICE_PROTOCOL_VERSION, type DeviceAttributes, type DeviceStorage, Tensor } from '@dl/tensor';
import type { GpuDevice } from './_gpuDevice';
import { broadcastInputStrides, strides } from './_kernels';

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

/**
 * A float literal of WGSL. NaN and the infinities have none, and a constant expression that evaluates to one is
 * a shader-creation error, so they are made at run time from the bits in private variables of every kernel.
 */
export function wgslLit(v: number): string {
  if (Number.isNaN(v)) return 'bitcast<f32>(nanBits_)';
  if (v === Number.POSITIVE_INFINITY) return 'bitcast<f32>(infBits_)';
  if (v === Number.NEGATIVE_INFINITY) return '(-bitcast<f32>(infBits_))';
  const s = String(Math.fround(v));
  return /[.e]/.test(s) ? s : `${s}.0`;
}

/** Statements splitting the flat output index `o` into `c0…` of `shape`, and each input's flat index `i<j>`. */
function indexLines(shape: readonly number[], inputStrides: readonly (readonly number[])[]): string {
  const lines: string[] = ['var r = o;'];
  const st = strides(shape);
  for (let d = 0; d < shape.length; d++) {
    if (d === shape.length - 1) lines.push(`let c${d} = r;`);
    else lines.push(`let c${d} = r / ${st[d]}u;`, `r = r - c${d} * ${st[d]}u;`);
  }
  if (shape.length === 0) lines.push('_ = r;');
  inputStrides.forEach((s, j) => {
    const terms = s.map((k, d) => (k === 0 ? '' : ` + c${d} * ${k}u`)).join('');
    lines.push(`let i${j} = 0u${terms};`);
  });
  return lines.join('\n  ');
}

/** WGSL expressions of the binary ops on `x` and `y`. */
const BINARY: Record<string, string> = {
  add: 'x + y',
  sub: 'x - y',
  mul: 'x * y',
  div: 'x / y',
  maximum: 'max(x, y)',
  minimum: 'min(x, y)',
  greater: 'select(0.0, 1.0, x > y)',
  greaterEqual: 'select(0.0, 1.0, x >= y)',
  less: 'select(0.0, 1.0, x < y)',
  lessEqual: 'select(0.0, 1.0, x <= y)',
  equal: 'select(0.0, 1.0, x == y)',
  notEqual: 'select(0.0, 1.0, x != y)',
};

/** WGSL statements of the unary ops computing `v` from `x` (`p`, `q`: their parameters, inlined). */
const UNARY: Record<string, (p: string, q: string) => string> = {
  exp: () => 'let v = exp(x);',
  log: () => 'let v = log(x);',
  sqrt: () => 'let v = sqrt(x);',
  rsqrt: () => 'let v = 1.0 / sqrt(x);',
  abs: () => 'let v = abs(x);',
  sign: () => 'let v = select(select(x, -1.0, x < 0.0), 1.0, x > 0.0);',
  square: () => 'let v = x * x;',
  reciprocal: () => 'let v = 1.0 / x;',
  sin: () => 'let v = sin(x);',
  cos: () => 'let v = cos(x);',
  relu: () => 'let v = select(0.0, x, x > 0.0);',
  positiveMask: () => 'let v = select(0.0, 1.0, x > 0.0);',
  sigmoid: () => 'let e = exp(-abs(x));\n  let v = select(e / (1.0 + e), 1.0 / (1.0 + e), x >= 0.0);',
  tanh: () =>
    'let e = exp(-2.0 * abs(x));\n  let t = (1.0 - e) / (1.0 + e);\n  let v = select(t, -t, x < 0.0);',
  leakyRelu: (p) => `let v = select(x * ${p}, x, x > 0.0);`,
  leakyReluMask: (p) => `let v = select(${p}, 1.0, x > 0.0);`,
  clip: (p, q) => `let v = min(max(x, ${p}), ${q});`,
  clipMask: (p, q) => `let v = select(0.0, 1.0, x >= ${p} && x <= ${q});`,
  hardtanh: (p, q) => `let v = min(max(x, ${p}), ${q});`,
  hardtanhMask: (p, q) => `let v = select(0.0, 1.0, x > ${p} && x < ${q});`,
  elu: (p, q) => `let v = select(${p} * (exp(x * ${q}) - 1.0), x, x > 0.0);`,
  scaledElu: (p, q) => `let v = select(${p} * (exp(x) - 1.0), ${q} * x, x > 0.0);`,
  softplus: (p, q) =>
    `let z = x * ${p};\n  let v = select((max(z, 0.0) + log(1.0 + exp(-abs(z)))) / ${p}, x, z > ${q});`,
  softplusAbove: (p, q) => `let v = select(0.0, 1.0, x * ${p} > ${q});`,
  erfc: () => ERFC('x', 'v'),
  erf: () =>
    `let x2 = x * x;
  ${ERFC('x', 'ec')}
  let v = select(1.0 - ec, x * (1.1283791670955126 + x2 * (-0.3761263890318375 + x2 * (0.11283791670955126 + x2 * (-0.02686617064513125 + x2 * (0.005223977625442188 - x2 * 0.0008548327023450852))))), abs(x) < 0.5);`,
  gelu: () => `let xs = -x * 0.7071067811865476;
  ${ERFC('xs', 'ec')}
  let v = x * 0.5 * ec;`,
  geluTanh: () =>
    `let z = 1.5957691216057308 * (x + 0.044715 * x * x * x);
  let e = exp(-abs(z));
  let v = x * select(e / (1.0 + e), 1.0 / (1.0 + e), z >= 0.0);`,
  silu: (p) =>
    `let z = x * ${p};
  let e = exp(-abs(z));
  let v = x * select(e / (1.0 + e), 1.0 / (1.0 + e), z >= 0.0);`,
  mish: () =>
    `let sp = max(x, 0.0) + log(1.0 + exp(-abs(x)));
  let e = exp(-2.0 * sp);
  let v = x * (1.0 - e) / (1.0 + e);`,
  logSigmoid: () => 'let v = min(x, 0.0) - log(1.0 + exp(-abs(x)));',
  log1p: () => `let u = 1.0 + x;
  let v = select(log(u) * (x / (u - 1.0)), x, u == 1.0);`,
  expm1: () =>
    `let u = exp(x);
  let w = u - 1.0;
  let v = select(select(w * (x / log(u)), -1.0, w == -1.0), x, u == 1.0);`,
};

/** WGSL statements setting `out` to erfc(`x`) (Numerical Recipes' fit, relative error below 1.2e-7). */
function ERFC(x: string, out: string): string {
  return `let ${out}_z = abs(${x});
  let ${out}_t = 1.0 / (1.0 + 0.5 * ${out}_z);
  let ${out}_r = ${out}_t * exp(-${out}_z * ${out}_z - 1.26551223 + ${out}_t * (1.00002368 + ${out}_t * (0.37409196 + ${out}_t * (0.09678418 + ${out}_t * (-0.18628806 + ${out}_t * (0.27886807 + ${out}_t * (-1.13520398 + ${out}_t * (1.48851587 + ${out}_t * (-0.82215223 + ${out}_t * 0.17087277)))))))));
  let ${out} = select(2.0 - ${out}_r, ${out}_r, ${x} >= 0.0);`;
}

/** Settings of {@link createWebGpuDevice}. */
export interface WebGpuDeviceSettings {
  device: unknown;
  strict: boolean;
  minSize: number;
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
  const { strict, minSize, warn } = settings;
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

  const upload = (data: Float32Array, cache = false): DeviceStorage => {
    const size = data.length;
    if (size === 0) return handle({ buffer: null, refs: 0, cache: new Float32Array(0), pending: null, size });
    const buffer = newBuffer(size);
    gpu.queue.writeBuffer(buffer, 0, data);
    return handle({ buffer, refs: 0, cache: cache ? data : null, pending: null, size });
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

  const bufferOf = (t: Tensor): GBuffer => memories.get(t.storage!)!.buffer!;

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
    if (size < minSize) return null;
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

  /** How a kernel reads input `t`: element `i<j>` of its buffer, or a uniform (a rank-0 CPU tensor). */
  const operands = (ts: readonly Tensor[]) => {
    const ins: Tensor[] = [];
    const scalars: number[] = [];
    const reads = ts.map((t) => {
      if (t.storage === null) {
        scalars.push(t.data[0]!);
        return { read: () => `U(${scalars.length - 1}u)`, buffer: false };
      }
      ins.push(t);
      const b = ins.length - 1;
      return { read: (i: string) => `t${b}[${i}]`, buffer: true };
    });
    return { ins, scalars, reads };
  };

  const sig = (t: Tensor) => (t.storage === null ? 's' : t.shape.join('x'));

  const run = (op: string, inputs: readonly Tensor[], at: DeviceAttributes): Tensor | string | null => {
    for (const t of inputs)
      if (t.storage !== null && !memories.has(t.storage)) return 'a tensor of another device';
    if (op in BINARY) {
      const [a, b] = inputs as [Tensor, Tensor];
      const shape = broadcast(a.shape, b.shape);
      const { ins, scalars, reads } = operands([a, b]);
      const st = (t: Tensor) =>
        t.storage === null ? shape.map(() => 0) : broadcastInputStrides(t.shape, shape);
      return launch(
        `${op}|${sig(a)}|${sig(b)}|${shape.join('x')}`,
        shape,
        ins,
        scalars,
        () =>
          `${indexLines(shape, [st(a), st(b)])}
  let x = ${reads[0]!.read('i0')};
  let y = ${reads[1]!.read('i1')};
  _ = i0; _ = i1;
  let v = ${BINARY[op]};`,
      );
    }
    if (op in UNARY) {
      const [x] = inputs as [Tensor];
      const p = wgslLit(at.p as number);
      const q = wgslLit(at.q as number);
      return launch(
        `${op}|${p}|${q}|${x.size}`,
        x.shape,
        [x],
        [],
        () => `let x = t0[o];\n  ${UNARY[op]!(p, q)}`,
      );
    }
    switch (op) {
      case 'fill': {
        const [x] = inputs as [Tensor];
        return launch(`fill|${x.size}`, x.shape, [], [at.value as number], () => 'let v = U(0u);');
      }
      case 'broadcastTo':
      case 'transpose': {
        const [x] = inputs as [Tensor];
        let shape: readonly number[];
        let s: readonly number[];
        if (op === 'broadcastTo') {
          shape = at.shape as readonly number[];
          s = broadcastInputStrides(x.shape, shape);
        } else {
          const perm = at.perm as readonly number[];
          const own = strides(x.shape);
          shape = perm.map((p) => x.shape[p]!);
          s = perm.map((p) => own[p]!);
        }
        return launch(
          `${op}|${sig(x)}|${shape.join('x')}|${s.join(',')}`,
          shape,
          [x],
          [],
          () => `${indexLines(shape, [s])}\n  let v = t0[i0];`,
        );
      }
      case 'where': {
        const [c, a, b] = inputs as [Tensor, Tensor, Tensor];
        const shape = broadcast(broadcast(c.shape, a.shape), b.shape);
        const { ins, scalars, reads } = operands([c, a, b]);
        const st = (t: Tensor) =>
          t.storage === null ? shape.map(() => 0) : broadcastInputStrides(t.shape, shape);
        return launch(
          `where|${sig(c)}|${sig(a)}|${sig(b)}|${shape.join('x')}`,
          shape,
          ins,
          scalars,
          () =>
            `${indexLines(shape, [st(c), st(a), st(b)])}
  _ = i0; _ = i1; _ = i2;
  let v = select(${reads[2]!.read('i2')}, ${reads[1]!.read('i1')}, ${reads[0]!.read('i0')} != 0.0);`,
        );
      }
      case 'slice': {
        const [x] = inputs as [Tensor];
        const starts = at.starts as readonly number[];
        const steps = at.steps as readonly number[];
        const shape = at.shape as readonly number[];
        const own = strides(x.shape);
        let origin = 0;
        for (let d = 0; d < x.rank; d++) origin += starts[d]! * own[d]!;
        const s = own.map((k, d) => k * steps[d]!);
        return launch(
          `slice|${sig(x)}|${starts.join(',')}|${steps.join(',')}|${shape.join('x')}`,
          shape,
          [x],
          [],
          () => `${indexLines(shape, [s])}\n  let v = t0[i0 + ${origin}u];`,
        );
      }
      case 'scatterWindow': {
        const [g] = inputs as [Tensor];
        const full = at.full as readonly number[];
        const starts = at.starts as readonly number[];
        const steps = at.steps as readonly number[];
        const fill = wgslLit(at.fill as number);
        const gs = strides(g.shape);
        return launch(
          `scatterWindow|${sig(g)}|${full.join('x')}|${starts.join(',')}|${steps.join(',')}|${fill}`,
          full,
          [g],
          [],
          () => {
            const lines = full.map(
              (_, d) => `let k${d} = i32(c${d}) - ${starts[d]};
  let q${d} = k${d} / ${steps[d]};
  if (k${d} < 0 || k${d} - q${d} * ${steps[d]} != 0 || q${d} >= ${g.shape[d]}) { out_[o] = ${fill}; return; }`,
            );
            const index = full.map((_, d) => ` + u32(q${d}) * ${gs[d]}u`).join('');
            return `${indexLines(full, [])}
  ${lines.join('\n  ')}
  let v = t0[0u${index}];`;
          },
        );
      }
      case 'concat': {
        if (inputs.some((t) => t.storage === null)) return 'concat of a CPU tensor';
        const axis = at.axis as number;
        const shape = inputs[0]!.shape.slice();
        shape[axis] = inputs.reduce((n, t) => n + t.shape[axis]!, 0);
        return launch(
          `concat|${axis}|${inputs.map((t) => t.shape.join('x')).join('|')}`,
          shape,
          inputs,
          [],
          () => {
            const lines: string[] = ['var v = 0.0;'];
            let start = 0;
            inputs.forEach((t, j) => {
              const own = strides(t.shape);
              const terms = shape
                .map((_, d) => (d === axis ? ` + (c${d} - ${start}u) * ${own[d]}u` : ` + c${d} * ${own[d]}u`))
                .join('');
              const end = start + t.shape[axis]!;
              lines.push(`${j === 0 ? '' : 'else '}if (c${axis} < ${end}u) { v = t${j}[0u${terms}]; }`);
              start = end;
            });
            return `${indexLines(shape, [])}\n  ${lines.join('\n  ')}`;
          },
        );
      }
      case 'ema': {
        const [s, g] = inputs as [Tensor, Tensor];
        if (s.storage === null || g.storage === null) return 'ema of a CPU tensor';
        const sq = at.square === true;
        return launch(
          `ema|${sq}|${s.size}`,
          s.shape,
          [s, g],
          [at.decay as number, at.scale as number],
          () => `let x = t1[o];\n  let v = t0[o] * U(0u) + U(1u) * ${sq ? 'x * x' : 'x'};`,
        );
      }
      case 'adamParam': {
        const [p, m, v] = inputs as [Tensor, Tensor, Tensor];
        if (p.storage === null || m.storage === null || v.storage === null)
          return 'adamParam of a CPU tensor';
        return launch(
          `adamParam|${p.size}`,
          p.shape,
          [p, m, v],
          [at.decay as number, at.stepSize as number, at.bc2 as number, at.eps as number],
          () =>
            'let denom = sqrt(t2[o]) / U(2u) + U(3u);\n  let v = t0[o] * U(0u) + (U(1u) * t1[o]) / denom;',
        );
      }
      case 'gather':
      case 'indexAdd': {
        const [x, idx] = inputs as [Tensor, Tensor];
        if (x.storage === null || idx.storage === null) return `${op} of a CPU tensor`;
        const { outer, n, inner, m } = at as Record<string, number>;
        const shape = at.shape as readonly number[];
        const rows = op === 'gather' ? m : n;
        const split = `let co = o / ${rows * inner}u;
  let rest = o - co * ${rows * inner}u;
  let j = rest / ${inner}u;
  let i = rest - j * ${inner}u;`;
        return launch(`${op}|${outer}|${n}|${inner}|${m}`, shape, [x, idx], [], () =>
          op === 'gather'
            ? `${split}\n  let v = t0[(co * ${n}u + u32(t1[j])) * ${inner}u + i];`
            : `${split}
  var v = 0.0;
  for (var k = 0u; k < ${m}u; k++) {
    if (u32(t1[k]) == j) { v += t0[(co * ${m}u + k) * ${inner}u + i]; }
  }`,
        );
      }
      case 'matmul':
        return matmul(inputs[0]!, inputs[1]!, at.transA === true, at.transB === true);
      case 'sum':
      case 'mean':
        return reduce(op, inputs[0]!, at.axes as readonly number[], at.keepDims === true);
      case 'softmax':
      case 'logSoftmax':
        return softmax(op, inputs[0]!, at.axis as number);
      default:
        return `no ${name} kernel for ${op}`;
    }
  };

  /** Batched matmul with one output per invocation (small products: one compile of a short shader). */
  const matmulSimple = (a: Tensor, b: Tensor, transA: boolean, transB: boolean): Tensor | string | null => {
    if (a.storage === null || b.storage === null) return 'matmul of a CPU scalar';
    const ra = a.rank;
    const rb = b.rank;
    const M = a.shape[transA ? ra - 1 : ra - 2]!;
    const K = a.shape[transA ? ra - 2 : ra - 1]!;
    const N = b.shape[transB ? rb - 2 : rb - 1]!;
    const batch = broadcast(a.shape.slice(0, -2), b.shape.slice(0, -2));
    const shape = [...batch, M, N];
    const ba = broadcastInputStrides(a.shape.slice(0, -2), batch).map((s) => s * M * K);
    const bb = broadcastInputStrides(b.shape.slice(0, -2), batch).map((s) => s * K * N);
    const aI = transA ? 1 : K;
    const aK = transA ? M : 1;
    const bK = transB ? 1 : N;
    const bJ = transB ? K : 1;
    return launch(
      `matmul|${a.shape.join('x')}|${b.shape.join('x')}|${transA}|${transB}`,
      shape,
      [a, b],
      [],
      () =>
        `${indexLines(shape, [
          [...ba, aI, 0],
          [...bb, 0, bJ],
        ])}
  var v = 0.0;
  for (var k = 0u; k < ${K}u; k++) {
    v += t0[i0 + k * ${aK}u] * t1[i1 + k * ${bK}u];
  }`,
    );
  };

  /**
   * Batched matmul, tiled: each workgroup of 16 x 16 invocations computes a 64 x 64 block of C (4 x 4 outputs per
   * invocation, in registers), staging 64 x 16 tiles of A and 16 x 64 tiles of B in workgroup memory, so each
   * element of A and B is read from the buffers once per block instead of once per output; the products are summed
   * in k order, as the one-output-per-thread form (the padding of a partial tile adds zeros).
   */
  const matmul = (a: Tensor, b: Tensor, transA: boolean, transB: boolean): Tensor | string | null => {
    if (a.storage === null || b.storage === null) return 'matmul of a CPU scalar';
    const ra = a.rank;
    const rb = b.rank;
    const M = a.shape[transA ? ra - 1 : ra - 2]!;
    const K = a.shape[transA ? ra - 2 : ra - 1]!;
    const N = b.shape[transB ? rb - 2 : rb - 1]!;
    const batch = broadcast(a.shape.slice(0, -2), b.shape.slice(0, -2));
    const shape = [...batch, M, N];
    const ba = broadcastInputStrides(a.shape.slice(0, -2), batch).map((s) => s * M * K);
    const bb = broadcastInputStrides(b.shape.slice(0, -2), batch).map((s) => s * K * N);
    const aI = transA ? 1 : K;
    const aK = transA ? M : 1;
    const bK = transB ? 1 : N;
    const bJ = transB ? K : 1;
    let B = 1;
    for (const d of batch) B *= d;
    // small products: the short kernel (the tiled one's compile costs more than it saves)
    if (M * N * K < TILED_FROM) return matmulSimple(a, b, transA, transB);
    const T = 16; // the k depth of a tile
    const BLOCK = 64; // each workgroup's block of C is BLOCK x BLOCK: 16 x 16 invocations of 4 x 4 outputs
    const bst = strides(batch);
    const batchLines = batch
      .map((_, d) =>
        d === batch.length - 1
          ? `let z${d} = r;`
          : `let z${d} = r / ${bst[d]}u;\n  r = r - z${d} * ${bst[d]}u;`,
      )
      .join('\n  ');
    const off = (s: readonly number[]) =>
      `0u${s.map((k, d) => (k === 0 ? '' : ` + z${d} * ${k}u`)).join('')}`;
    return launch(
      `matmul|${a.shape.join('x')}|${b.shape.join('x')}|${transA}|${transB}`,
      shape,
      [a, b],
      [],
      () => '',
      {
        groups: [Math.ceil(N / BLOCK), Math.ceil(M / BLOCK), B],
        main: () => {
          const loads = [0, 1, 2, 3]
            .map(
              (i) => `{
      let e = li + ${i * 256}u;
      let mm = e / ${T}u;
      let kk = e % ${T}u;
      var v = 0.0;
      if (m0 + mm < ${M}u && t + kk < ${K}u) { v = t0[oa + (m0 + mm) * ${aI}u + (t + kk) * ${aK}u]; }
      As[kk * ${BLOCK}u + mm] = v;
      let k2 = e / ${BLOCK}u;
      let nn = e % ${BLOCK}u;
      var w = 0.0;
      if (t + k2 < ${K}u && n0 + nn < ${N}u) { w = t1[ob + (t + k2) * ${bK}u + (n0 + nn) * ${bJ}u]; }
      Bs[k2 * ${BLOCK}u + nn] = w;
    }`,
            )
            .join('\n    ');
          const ij = [0, 1, 2, 3].flatMap((i) => [0, 1, 2, 3].map((j) => [i, j] as const));
          const fma = ij.map(([i, j]) => `acc${i}${j} += a${i} * b${j};`).join(' ');
          const store = ij
            .map(
              ([i, j]) =>
                `if (rm + ${i}u < ${M}u && cn + ${j}u < ${N}u) { out_[base + (rm + ${i}u) * ${N}u + cn + ${j}u] = acc${i}${j}; }`,
            )
            .join('\n  ');
          return `var<workgroup> As: array<f32, ${BLOCK * T}>;
var<workgroup> Bs: array<f32, ${BLOCK * T}>;
@compute @workgroup_size(16, 16)
fn main(@builtin(workgroup_id) wid: vec3<u32>, @builtin(local_invocation_id) lid: vec3<u32>, @builtin(local_invocation_index) li: u32) {
  let m0 = wid.y * ${BLOCK}u;
  let n0 = wid.x * ${BLOCK}u;
  var r = wid.z;
  _ = r;
  ${batchLines}
  let oa = ${off(ba)};
  let ob = ${off(bb)};
  ${ij.map(([i, j]) => `var acc${i}${j} = 0.0;`).join(' ')}
  for (var t = 0u; t < ${K}u; t += ${T}u) {
    ${loads}
    workgroupBarrier();
    for (var k = 0u; k < ${T}u; k++) {
      let ra = k * ${BLOCK}u + lid.y * 4u;
      let rb = k * ${BLOCK}u + lid.x * 4u;
      let a0 = As[ra]; let a1 = As[ra + 1u]; let a2 = As[ra + 2u]; let a3 = As[ra + 3u];
      let b0 = Bs[rb]; let b1 = Bs[rb + 1u]; let b2 = Bs[rb + 2u]; let b3 = Bs[rb + 3u];
      ${fma}
    }
    workgroupBarrier();
  }
  let rm = m0 + lid.y * 4u;
  let cn = n0 + lid.x * 4u;
  let base = wid.z * ${M * N}u;
  ${store}
}`;
        },
      },
    );
  };

  const reduce = (
    op: 'sum' | 'mean',
    x: Tensor,
    axes: readonly number[],
    keepDims: boolean,
  ): Tensor | string | null => {
    const kept = x.shape.map((_, i) => i).filter((i) => !axes.includes(i));
    const reduced = x.shape.map((_, i) => i).filter((i) => axes.includes(i));
    const own = strides(x.shape);
    const outShape = keepDims
      ? x.shape.map((d, i) => (axes.includes(i) ? 1 : d))
      : kept.map((i) => x.shape[i]!);
    const keptShape = kept.map((i) => x.shape[i]!);
    const rShape = reduced.map((i) => x.shape[i]!);
    let R = 1;
    for (const d of rShape) R *= d;
    const rStrides = strides(rShape);
    return launch(`${op}|${x.shape.join('x')}|${axes.join(',')}|${keepDims}`, outShape, [x], [], () => {
      const parts: string[] = [];
      for (let d = 0; d < rShape.length; d++) {
        if (d === rShape.length - 1) parts.push(`off += q * ${own[reduced[d]!]}u;`);
        else
          parts.push(
            `let d${d} = q / ${rStrides[d]}u;`,
            `off += d${d} * ${own[reduced[d]!]}u;`,
            `q = q - d${d} * ${rStrides[d]}u;`,
          );
      }
      const scale = op === 'mean' ? ` / ${wgslLit(R)}` : '';
      // Kahan-compensated float32 sum, as the WebGL kernels
      return `${indexLines(keptShape, [kept.map((i) => own[i]!)])}
  var s = 0.0;
  var c = 0.0;
  for (var rr = 0u; rr < ${R}u; rr++) {
    var q = rr;
    var off = 0u;
    _ = q;
    ${parts.join('\n    ')}
    let y = t0[i0 + off] - c;
    let t = s + y;
    c = (t - s) - y;
    s = t;
  }
  let v = ${R === 0 ? '0.0' : `s${scale}`};`;
    });
  };

  const softmax = (op: 'softmax' | 'logSoftmax', x: Tensor, axis: number): Tensor | string | null => {
    if (x.rank === 0)
      return launch(`${op}|0`, [], [], [], () => `let v = ${op === 'softmax' ? '1.0' : '0.0'};`);
    const R = x.shape[axis]!;
    const st = strides(x.shape)[axis]!;
    const rows = x.shape.filter((_, i) => i !== axis);
    const own = strides(x.shape);
    const rowStrides = x.shape
      .map((_, i) => i)
      .filter((i) => i !== axis)
      .map((i) => own[i]!);
    const lse = launch(
      `lse|${x.shape.join('x')}|${axis}`,
      rows,
      [x],
      [],
      () =>
        `${indexLines(rows, [rowStrides])}
  var m = t0[i0];
  for (var r2 = 1u; r2 < ${R}u; r2++) { m = max(m, t0[i0 + r2 * ${st}u]); }
  var s = 0.0;
  for (var r2 = 0u; r2 < ${R}u; r2++) { s += exp(t0[i0 + r2 * ${st}u] - m); }
  let v = m + log(s);`,
    );
    if (!(lse instanceof Tensor)) return lse;
    const rowOfElement = x.shape.map((_, i) => (i === axis ? 0 : strides(rows)[i < axis ? i : i - 1]!));
    const out = launch(
      `${op}|${x.shape.join('x')}|${axis}`,
      x.shape,
      [x, lse],
      [],
      () =>
        `${indexLines(x.shape, [rowOfElement])}
  let w = t0[o] - t1[i0];
  let v = ${op === 'softmax' ? 'exp(w)' : 'w'};`,
    );
    lse.dispose();
    return out;
  };

  const device: GpuDevice = {
    protocol: DEVICE_PROTOCOL_VERSION,
    name,
    get liveTextures() {
      return live;
    },
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

function broadcast(a: readonly number[], b: readonly number[]): number[] {
  const rank = Math.max(a.length, b.length);
  const out = new Array<number>(rank);
  for (let i = 0; i < rank; i++) {
    const da = a[i - (rank - a.length)] ?? 1;
    const db = b[i - (rank - b.length)] ?? 1;
    out[i] = da === 1 ? db : da;
  }
  return out;
}
