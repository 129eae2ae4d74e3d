import {
  DEVICE_PROTOCOL_VERSION,
  type Device,
  type DeviceAttributes,
  type DeviceStorage,
  Tensor,
} from '@dl/tensor';
import { BINARY, broadcastInputStrides, indexLines, kernelSource, lit, strides, UNARY } from './_kernels';

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
  warn: (message: string) => void;
}

/** A device of `@dl/tensor/gpu`: the protocol plus what createDevice documents. */
export interface GpuDevice extends Device {
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
  const { gpu, name, strict, minSize, warn } = settings;
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
    if (size < minSize) return null;
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
    return m.texture;
  };
  const memoryOf = (s: DeviceStorage): Memory => memories.get(s)!;
  /** A number attribute passed as a kernel argument (a uniform: changing it compiles nothing new). */
  const num = (v: unknown): number => Math.fround(v as number);

  const uploadKernels = new Map<number, GpuKernel>();
  const upload = (data: Float32Array, cache = false): DeviceStorage => {
    const size = data.length;
    if (size === 0) return handle({ texture: null, refs: 0, cache: new Float32Array(0), size });
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
    const texture = k(data);
    if (!isTexture(texture))
      throw new Error(`${name}: gpu.js could not upload ${size} elements to a texture`);
    live++;
    return handle({ texture, refs: 0, cache: cache ? data : null, size });
  };

  const scalarOrTexture = (t: Tensor, p: string): string =>
    t.storage === null ? p : `${p}[i${p === 'a' ? 0 : 1}]`;

  const run = (op: string, inputs: readonly Tensor[], at: DeviceAttributes): Tensor | string | null => {
    for (const t of inputs)
      if (t.storage !== null && !memories.has(t.storage)) return 'a tensor of another device';
    const sig = (t: Tensor) => (t.storage === null ? 's' : t.shape.join('x'));
    if (op in BINARY) {
      const [a, b] = inputs as [Tensor, Tensor];
      const shape = broadcast(a.shape, b.shape);
      const sa = a.storage === null ? [] : broadcastInputStrides(a.shape, shape);
      const sb = b.storage === null ? [] : broadcastInputStrides(b.shape, shape);
      const key = `${op}|${sig(a)}|${sig(b)}|${shape.join('x')}`;
      return launch(
        key,
        shape,
        () =>
          kernelSource(
            ['a', 'b'],
            `${indexLines(shape, [sa.length ? sa : shape.map(() => 0), sb.length ? sb : shape.map(() => 0)])}
  const x = ${scalarOrTexture(a, 'a')};
  const y = ${scalarOrTexture(b, 'b')};
  return ${BINARY[op]};`,
          ),
        [arg(a), arg(b)],
      );
    }
    if (op in UNARY) {
      const [x] = inputs as [Tensor];
      const p = lit(at.p as number);
      const q = lit(at.q as number);
      return launch(
        `${op}|${p}|${q}|${x.size}`,
        x.shape,
        () => kernelSource(['a'], `const x = a[this.thread.x];\n  ${UNARY[op]!(p, q)}\n  return v;`),
        [arg(x)],
      );
    }
    switch (op) {
      case 'fill': {
        const [x] = inputs as [Tensor];
        const v = lit(at.value as number);
        return launch(`fill|${v}|${x.size}`, x.shape, () => kernelSource([], `return ${v};`), []);
      }
      case 'broadcastTo': {
        const [x] = inputs as [Tensor];
        const shape = at.shape as readonly number[];
        const s = broadcastInputStrides(x.shape, shape);
        return launch(
          `broadcastTo|${sig(x)}|${shape.join('x')}`,
          shape,
          () => kernelSource(['a'], `${indexLines(shape, [s])}\n  return a[i0];`),
          [arg(x)],
        );
      }
      case 'transpose': {
        const [x] = inputs as [Tensor];
        const perm = at.perm as readonly number[];
        const own = strides(x.shape);
        const shape = perm.map((p) => x.shape[p]!);
        const s = perm.map((p) => own[p]!);
        return launch(
          `transpose|${sig(x)}|${perm.join(',')}`,
          shape,
          () => kernelSource(['a'], `${indexLines(shape, [s])}\n  return a[i0];`),
          [arg(x)],
        );
      }
      case 'where': {
        const [c, a, b] = inputs as [Tensor, Tensor, Tensor];
        const shape = broadcast(broadcast(c.shape, a.shape), b.shape);
        const st = (t: Tensor) =>
          t.storage === null ? shape.map(() => 0) : broadcastInputStrides(t.shape, shape);
        const read = (t: Tensor, name: string, j: number) => (t.storage === null ? name : `${name}[i${j}]`);
        return launch(
          `where|${sig(c)}|${sig(a)}|${sig(b)}|${shape.join('x')}`,
          shape,
          () =>
            kernelSource(
              ['c', 'a', 'b'],
              `${indexLines(shape, [st(c), st(a), st(b)])}
  return ${read(c, 'c', 0)} != 0.0 ? ${read(a, 'a', 1)} : ${read(b, 'b', 2)};`,
            ),
          [arg(c), arg(a), arg(b)],
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
          () =>
            kernelSource(
              ['a'],
              `${indexLines(shape, [s])}
  return a[i0 + ${lit(origin)}];`,
            ),
          [arg(x)],
        );
      }
      case 'scatterWindow': {
        // the window g placed into a tensor of shape `full` (elements outside it: `fill`)
        const [g] = inputs as [Tensor];
        const full = at.full as readonly number[];
        const starts = at.starts as readonly number[];
        const steps = at.steps as readonly number[];
        const fill = lit(at.fill as number);
        const gs = strides(g.shape);
        return launch(
          `scatterWindow|${sig(g)}|${full.join('x')}|${starts.join(',')}|${steps.join(',')}|${fill}`,
          full,
          () => {
            const lines = full.map(
              (_, d) => `const k${d} = c${d} - ${lit(starts[d]!)};
  const q${d} = Math.floor((k${d} + 0.5) / ${lit(steps[d]!)});
  if (k${d} < 0.0 || k${d} - q${d} * ${lit(steps[d]!)} != 0.0 || q${d} >= ${lit(g.shape[d]!)}) {
    return ${fill};
  }`,
            );
            const index = full.map((_, d) => ` + q${d} * ${lit(gs[d]!)}`).join('');
            return kernelSource(
              ['a'],
              `${indexLines(full, [])}
  ${lines.join('\n  ')}
  return a[0.0${index}];`,
            );
          },
          [arg(g)],
        );
      }
      case 'concat': {
        if (inputs.some((t) => t.storage === null)) return 'concat of a CPU tensor';
        const axis = at.axis as number;
        const shape = inputs[0]!.shape.slice();
        shape[axis] = inputs.reduce((n, t) => n + t.shape[axis]!, 0);
        const key = `concat|${axis}|${inputs.map((t) => t.shape.join('x')).join('|')}`;
        return launch(
          key,
          shape,
          () => {
            // coordinate along the axis picks the input; each input read at its own strides
            const lines: string[] = [];
            let start = 0;
            inputs.forEach((t, j) => {
              const own = strides(t.shape);
              const terms = shape
                .map((_, d) =>
                  d === axis ? ` + (c${d} - ${lit(start)}) * ${lit(own[d]!)}` : ` + c${d} * ${lit(own[d]!)}`,
                )
                .join('');
              const end = start + t.shape[axis]!;
              lines.push(`if (c${axis} < ${lit(end)}) {
    return t${j}[0.0${terms}];
  }`);
              start = end;
            });
            return kernelSource(
              inputs.map((_, j) => `t${j}`),
              `${indexLines(shape, [])}
  ${lines.join('\n  ')}
  return 0.0;`,
            );
          },
          inputs.map(arg),
        );
      }
      case 'ema': {
        // the fused moment / momentum update `decay * s + scale * g` (or `g²` with `square`): one pass; decay and
        // scale are kernel arguments (uniforms), so a schedule or a bias correction compiles no new kernel
        const [s, g] = inputs as [Tensor, Tensor];
        if (s.storage === null || g.storage === null) return 'ema of a CPU tensor';
        const sq = at.square === true;
        return launch(
          `ema|${sq}|${s.size}`,
          s.shape,
          () =>
            kernelSource(
              ['s', 'g', 'decay', 'scale'],
              `const x = g[this.thread.x];
  return s[this.thread.x] * decay + scale * ${sq ? 'x * x' : 'x'};`,
            ),
          [arg(s), arg(g), num(at.decay), num(at.scale)],
        );
      }
      case 'adamParam': {
        // Adam's parameter update in PyTorch's order: p * decay + stepSize * m / (sqrt(v) / bc2 + eps)
        const [p, m, v] = inputs as [Tensor, Tensor, Tensor];
        if (p.storage === null || m.storage === null || v.storage === null)
          return 'adamParam of a CPU tensor';
        return launch(
          `adamParam|${p.size}`,
          p.shape,
          () =>
            kernelSource(
              ['p', 'm', 'v', 'decay', 'stepSize', 'bc2', 'eps'],
              `const i = this.thread.x;
  const denom = Math.sqrt(v[i]) / bc2 + eps;
  return p[i] * decay + (stepSize * m[i]) / denom;`,
            ),
          [arg(p), arg(m), arg(v), num(at.decay), num(at.stepSize), num(at.bc2), num(at.eps)],
        );
      }
      case 'gather':
      case 'indexAdd': {
        // indexSelect's rows (x viewed as [outer, n, inner], the indices as floats) and its backward
        const [x, idx] = inputs as [Tensor, Tensor];
        if (x.storage === null || idx.storage === null) return `${op} of a CPU tensor`;
        const { outer, n, inner, m } = at as Record<string, number>;
        const shape = at.shape as readonly number[];
        const key = `${op}|${outer}|${n}|${inner}|${m}`;
        const rows = op === 'gather' ? m : n;
        const split = `const r = this.thread.x + 0.0;
  const co = Math.floor((r + 0.5) / ${lit(rows * inner)});
  const rest = r - co * ${lit(rows * inner)};
  const j = Math.floor((rest + 0.5) / ${lit(inner)});
  const i = rest - j * ${lit(inner)};`;
        const body =
          op === 'gather'
            ? `${split}
  return a[(co * ${lit(n)} + b[j]) * ${lit(inner)} + i];`
            : `${split}
  let s = 0.0;
  for (let k = 0; k < ${m}; k++) {
    if (b[k] == j) {
      s += a[(co * ${lit(m)} + k) * ${lit(inner)} + i];
    }
  }
  return s;`;
        return launch(key, shape, () => kernelSource(['a', 'b'], body), [arg(x), arg(idx)]);
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

  const matmul = (a: Tensor, b: Tensor, transA: boolean, transB: boolean): Tensor | string | null => {
    if (a.storage === null || b.storage === null) return 'matmul of a CPU scalar';
    const ra = a.rank;
    const rb = b.rank;
    const M = a.shape[transA ? ra - 1 : ra - 2]!;
    const K = a.shape[transA ? ra - 2 : ra - 1]!;
    const N = b.shape[transB ? rb - 2 : rb - 1]!;
    const batch = broadcast(a.shape.slice(0, -2), b.shape.slice(0, -2));
    const shape = [...batch, M, N];
    // strides of the batch axes of each operand in output coordinates (0 where broadcast), plus the matrix walk
    const ba = broadcastInputStrides(a.shape.slice(0, -2), batch).map((s) => s * M * K);
    const bb = broadcastInputStrides(b.shape.slice(0, -2), batch).map((s) => s * K * N);
    // element (i, k) of op(A) and (k, j) of op(B)
    const aI = transA ? 1 : K;
    const aK = transA ? M : 1;
    const bK = transB ? 1 : N;
    const bJ = transB ? K : 1;
    const key = `matmul|${a.shape.join('x')}|${b.shape.join('x')}|${transA}|${transB}`;
    return launch(
      key,
      shape,
      () => {
        const idx = indexLines(shape, [
          [...ba, aI, 0],
          [...bb, 0, bJ],
        ]);
        return kernelSource(
          ['a', 'b'],
          `${idx}
  let s = 0.0;
  for (let k = 0; k < ${K}; k++) {
    s += a[i0 + k * ${lit(aK)}] * b[i1 + k * ${lit(bK)}];
  }
  return s;`,
        );
      },
      [arg(a), arg(b)],
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
    const key = `${op}|${x.shape.join('x')}|${axes.join(',')}|${keepDims}`;
    return launch(
      key,
      outShape,
      () => {
        const idx = indexLines(keptShape, [kept.map((i) => own[i]!)]);
        // the reduced offset of step r: r split over the reduced axes
        const parts: string[] = [];
        for (let d = 0; d < rShape.length; d++) {
          if (d === rShape.length - 1) parts.push(`off += q * ${lit(own[reduced[d]!]!)};`);
          else {
            parts.push(`const d${d} = Math.floor((q + 0.5) / ${lit(rStrides[d]!)});`);
            parts.push(`off += d${d} * ${lit(own[reduced[d]!]!)};`);
            parts.push(`q = q - d${d} * ${lit(rStrides[d]!)};`);
          }
        }
        const scale = op === 'mean' ? ` / ${lit(R)}` : '';
        // Kahan-compensated float32 sum (the CPU sums in float64)
        return kernelSource(
          ['a'],
          `${idx}
  let s = 0.0;
  let c = 0.0;
  for (let r = 0; r < ${Math.max(R, 1)}; r++) {
    let q = r + 0.0;
    let off = 0.0;
    ${parts.join('\n    ')}
    const y = a[i0 + off] - c;
    const t = s + y;
    c = (t - s) - y;
    s = t;
  }
  return ${R === 0 ? '0.0' : `s${scale}`};`,
        );
      },
      [arg(x)],
    );
  };

  const softmax = (op: 'softmax' | 'logSoftmax', x: Tensor, axis: number): Tensor | string | null => {
    if (x.rank === 0)
      return launch(`${op}|0`, [], () => kernelSource([], `return ${op === 'softmax' ? '1.0' : '0.0'};`), []);
    const R = x.shape[axis]!;
    const st = strides(x.shape)[axis]!;
    // pass 1: per row (all axes but `axis`), log-sum-exp; pass 2: elementwise
    const rows = x.shape.filter((_, i) => i !== axis);
    const own = strides(x.shape);
    const rowStrides = x.shape
      .map((_, i) => i)
      .filter((i) => i !== axis)
      .map((i) => own[i]!);
    const lse = launch(
      `lse|${x.shape.join('x')}|${axis}`,
      rows,
      () =>
        kernelSource(
          ['a'],
          `${indexLines(rows, [rowStrides])}
  let m = -1.0 / 0.0;
  for (let r = 0; r < ${R}; r++) {
    m = Math.max(m, a[i0 + r * ${lit(st)}]);
  }
  let s = 0.0;
  for (let r = 0; r < ${R}; r++) {
    s += Math.exp(a[i0 + r * ${lit(st)}] - m);
  }
  return m + Math.log(s);`,
        ),
      [arg(x)],
    );
    if (!(lse instanceof Tensor)) return lse;
    // the row of element o: its coordinates without `axis`
    const rowOfElement = x.shape.map((_, i) => (i === axis ? 0 : strides(rows)[i < axis ? i : i - 1]!));
    const out = launch(
      `${op}|${x.shape.join('x')}|${axis}`,
      x.shape,
      () =>
        kernelSource(
          ['a', 'l'],
          `${indexLines(x.shape, [rowOfElement])}
  const v = a[this.thread.x] - l[i0];
  return ${op === 'softmax' ? 'Math.exp(v)' : 'v'};`,
        ),
      [arg(x), arg(lse)],
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

/** NumPy broadcasting of two shapes (already validated by the core op). */
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
