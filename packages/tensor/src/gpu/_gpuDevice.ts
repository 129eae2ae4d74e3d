import {
  DEVICE_PROTOCOL_VERSION,
  type Device,
  type DeviceAttributes,
  type DeviceStorage,
  Tensor,
} from '@dl/tensor';
import * as glsl from './_glslKernels';
import { kernelSource } from './_kernels';
import { lower, staysOnCpu } from './_lowering';
import { checkMinSize } from './_minSize';

/** The part of gpu.js's texture that the device uses. */
interface GpuTexture {
  toArray(): Float32Array | Float32Array[];
  delete(): void;
}
/** The part of a gpu.js kernel that the device uses. */
interface GpuKernel {
  (...args: unknown[]): unknown;
  destroy?(removeCanvasReferences?: boolean): void;
}
/** The part of gpu.js's GPU instance that the device uses. */
export interface GpuInstance {
  createKernel(source: string, settings: Record<string, unknown>): GpuKernel;
  destroy(): void | Promise<void>;
  readonly context?: unknown;
}

const STORAGE = Symbol.for('@dl/tensor.DeviceStorage');

/** Memory shared by the storage handles of one tensor and its views. */
interface Memory {
  texture: GpuTexture | null;
  refs: number;
  cache: Float32Array | null;
  size: number;
}

/** Settings of {@link createGpuDevice}: the resolved options of createDevice. */
export interface GpuDeviceSettings {
  name: string;
  gpu: GpuInstance;
  strict: boolean;
  minSize: number;
  renderer: string;
  warn: (message: string) => void;
}

/** A device of `@dl/tensor/gpu`: the protocol plus what createDevice documents. */
export interface GpuDevice extends Device {
  /**
   * The small-tensor threshold (see {@link CreateDeviceOptions.minSize}): an op whose output has fewer elements,
   * on operands that have a CPU copy, runs on the CPU; `toDevice` of a smaller tensor keeps a CPU copy. Set it
   * (a non-negative integer) to change the policy; {@link calibrateDevice} measures it on this device.
   */
  minSize: number;
  /** What the device runs on: the renderer or adapter it reports (`'SwiftShader'`, `'llvmpipe'`, …), or `''`. */
  readonly renderer: string;
  /** Device memory still held: textures allocated and not yet freed. */
  readonly liveTextures: number;
  /** Compiled kernels (one per op and layout). */
  readonly kernelCount: number;
  /** Frees every kernel and the context; tensors of this device become unusable. */
  destroy(): void;
}

const isTexture = (x: unknown): x is GpuTexture =>
  typeof x === 'object' && x !== null && typeof (x as GpuTexture).toArray === 'function' && 'texture' in x;

/** @internal Creates the device object around a gpu.js instance (see createDevice). */
export function createGpuDevice(settings: GpuDeviceSettings): GpuDevice {
  const { gpu, name, strict, warn, renderer } = settings;
  let minSize = settings.minSize;
  const kernels = new Map<string, GpuKernel | string>();
  const warned = new Set<string>();
  let live = 0;

  const memories = new WeakMap<DeviceStorage, Memory>();
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
        if (memory.cache === null) {
          if (memory.texture === null) memory.cache = new Float32Array(memory.size);
          else {
            const a = memory.texture.toArray() as Float32Array;
            memory.cache = a.length === memory.size ? a : a.slice(0, memory.size);
          }
        }
        return memory.cache;
      },
      read(): Promise<Float32Array> {
        try {
          return Promise.resolve((storage as DeviceStorage).readSync());
        } catch (e) {
          return Promise.reject(e);
        }
      },
      dispose(): void {
        if (disposed) return;
        disposed = true;
        if (--memory.refs === 0 && memory.texture !== null) {
          memory.texture.delete();
          memory.texture = null;
          memory.cache = null;
          live--;
        }
      },
    } as unknown as DeviceStorage;
    memories.set(storage, memory);
    return storage;
  };

  const adopt = (texture: GpuTexture | null, size: number, cache: Float32Array | null): DeviceStorage => {
    if (texture !== null) live++;
    return handle({ texture, refs: 0, cache, size });
  };

  /** The kernel for `key`, compiled on first use; a string is the reason it could not be built. */
  const kernel = (key: string, size: number, source: () => string): GpuKernel | string => {
    let k = kernels.get(key);
    if (k === undefined) {
      try {
        k = gpu.createKernel(source(), {
          output: [size],
          precision: 'single',
          pipeline: true,
          immutable: true,
          tactic: 'precision',
        });
      } catch (e) {
        k = `the kernel failed to compile: ${(e as Error).message}`;
      }
      kernels.set(key, k);
    }
    return k;
  };

  /** Runs `key`'s kernel into a new device tensor of `shape`, or returns why it cannot. */
  const launch = (
    key: string,
    shape: readonly number[],
    source: () => string,
    args: readonly unknown[],
  ): Tensor | string | null => {
    let size = 1;
    for (const d of shape) size *= d;
    if (size === 0) return new Tensor(adopt(null, 0, new Float32Array(0)), shape.slice(), 'float32');
    const k = kernel(key, size, source);
    if (typeof k === 'string') return k;
    let out: unknown;
    try {
      out = k(...args);
    } catch (e) {
      kernels.set(key, `the kernel failed: ${(e as Error).message}`);
      return `the kernel failed: ${(e as Error).message}`;
    }
    if (!isTexture(out)) {
      // gpu.js fell back to its CPU mode: not ours to use (slower than our CPU kernels)
      kernels.set(key, 'gpu.js fell back to its CPU mode for this kernel');
      return 'gpu.js fell back to its CPU mode for this kernel';
    }
    return new Tensor(adopt(out, size, null), shape.slice(), 'float32');
  };

  /** A kernel argument: the texture of a device tensor, or the value of a rank-0 CPU tensor. */
  const arg = (t: Tensor): unknown => {
    if (t.storage === null) return t.data[0]!;
    const m = memoryOf(t.storage);
    if (m.texture === null && m.size > 0) m.texture = texture(m.cache!); // a small tensor, uploaded on first use
    return m.texture;
  };
  const memoryOf = (s: DeviceStorage): Memory => memories.get(s)!;
  /** A number attribute passed as a kernel argument (a uniform: changing it compiles nothing new). */
  const num = (v: unknown): number => Math.fround(v as number);

  const uploadKernels = new Map<number, GpuKernel>();
  /** A new texture holding `data`. */
  const texture = (data: Float32Array): GpuTexture => {
    const size = data.length;
    let k = uploadKernels.get(size);
    if (k === undefined) {
      k = gpu.createKernel('function (a) {\n  return a[this.thread.x];\n}', {
        output: [size],
        precision: 'single',
        pipeline: true,
        immutable: true,
        tactic: 'precision',
      });
      uploadKernels.set(size, k);
    }
    const t = k(data);
    if (!isTexture(t)) throw new Error(`${name}: gpu.js could not upload ${size} elements to a texture`);
    live++;
    return t;
  };
  const upload = (data: Float32Array, cache = false): DeviceStorage => {
    const size = data.length;
    if (size === 0) return handle({ texture: null, refs: 0, cache: new Float32Array(0), size });
    // below the small-tensor threshold the elements stay on the CPU and the texture is made when a kernel
    // first reads them (ops on CPU copies may run on the CPU: no upload, no readback)
    if (size < minSize) return handle({ texture: null, refs: 0, cache: cache ? data : data.slice(), size });
    return handle({ texture: texture(data), refs: 0, cache: cache ? data : null, size });
  };

  const run = (op: string, inputs: readonly Tensor[], at: DeviceAttributes): Tensor | string | null => {
    for (const t of inputs)
      if (t.storage !== null && !memories.has(t.storage)) return 'a tensor of another device';
    const l = lower(op, inputs, at);
    if (typeof l === 'string') return `no ${name} kernel for ${op}`;
    if (staysOnCpu(l, minSize, (t) => memoryOf(t.storage!).cache !== null)) return null;
    // operands t0…, then scalars u0… (kernel arguments: uniforms); a rank-0 CPU operand is a number argument
    const args = [...l.inputs.map(arg), ...l.scalars.map(num)];
    const params = [...l.inputs.map((_, j) => `t${j}`), ...l.scalars.map((_, j) => `u${j}`)];
    const read = (j: number, index: string) => (l.inputs[j]!.storage === null ? `t${j}` : `t${j}[${index}]`);
    if (l.kind === 'softmax') {
      if (l.shape.length === 0)
        return launch(l.key, [], () => kernelSource([], `return ${l.log ? '0.0' : '1.0'};`), []);
      const lse = launch(l.lseKey, l.rows, () => kernelSource(params, glsl.logSumExp(l)), args);
      if (!(lse instanceof Tensor)) return lse;
      const out = launch(l.key, l.shape, () => kernelSource([...params, 'l'], glsl.softmax(l)), [
        ...args,
        arg(lse),
      ]);
      lse.dispose();
      return out;
    }
    return launch(l.key, l.shape, () => kernelSource(params, glsl.body(l, read)), args);
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
      minSize = checkMinSize(`${name} device: minSize`, v);
    },
    renderer,
    get kernelCount() {
      return kernels.size + uploadKernels.size;
    },
    upload,
    run(op, inputs, attributes) {
      return run(op, inputs, attributes);
    },
    fallback(op, reason) {
      const message = `@dl/tensor/gpu: ${op} ran on the CPU instead of ${name} (${reason})`;
      if (strict) throw new Error(`${message}; the device was created with { strict: true }`);
      if (warned.has(op)) return;
      warned.add(op);
      warn(message);
    },
    destroy() {
      for (const k of kernels.values()) if (typeof k !== 'string') k.destroy?.();
      for (const k of uploadKernels.values()) k.destroy?.();
      kernels.clear();
      uploadKernels.clear();
      void gpu.destroy();
    },
  };
  return device;
}
