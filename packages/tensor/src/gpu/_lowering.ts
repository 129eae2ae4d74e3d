// The lowering of device ops to kernel parameters, shared by both backends: what each output element reads
// (strides, origins, windows, the parts of a concat, the reduced axes, the matmul walk) and which scalars the
// kernel takes. The gpu.js device (_gpuDevice.ts) and the WebGPU device (_webgpuDevice.ts) only turn a lowered
// op into source (gpu.js JavaScript or WGSL); neither computes a stride of its own.
import type { DeviceAttributes, Tensor } from '@dl/tensor';
import { BINARY, broadcastInputStrides, strides, UNARY } from './_kernels';

/** What every lowered op has: the cache key of its kernel, its output shape, operands and scalar arguments. */
interface Common {
  /** The kernel's cache key: op and layout (never a scalar argument's value, so new values compile nothing). */
  key: string;
  /** The output's shape. */
  shape: readonly number[];
  /** Operands in order: device tensors, or rank-0 CPU tensors read as scalars (`binary`, `where` only). */
  inputs: readonly Tensor[];
  /** Scalar kernel arguments (uniforms), after the operands: fill values, the optimizers' hyperparameters. */
  scalars: readonly number[];
}

/** The flat index of operand `j` for output coordinates `c`: `sum_d c_d * strides[j][d]` (+ `origin`). */
export type Lowered = Common &
  (
    | { kind: 'binary'; op: string; strides: readonly (readonly number[])[] }
    | { kind: 'unary'; op: string; p: number; q: number }
    | { kind: 'fill' }
    | { kind: 'strided'; strides: readonly number[]; origin: number }
    | { kind: 'where'; strides: readonly (readonly number[])[] }
    | {
        kind: 'window';
        starts: readonly number[];
        steps: readonly number[];
        fill: number;
        windowShape: readonly number[];
        windowStrides: readonly number[];
      }
    | { kind: 'concat'; axis: number; parts: readonly { start: number; end: number; strides: number[] }[] }
    | { kind: 'ema'; square: boolean }
    | { kind: 'adamParam' }
    | { kind: 'dropout' }
    | { kind: 'gather' | 'indexAdd'; n: number; inner: number; m: number; rows: number }
    | { kind: 'matmul'; plan: MatmulPlan }
    | {
        kind: 'reduce';
        mean: boolean;
        keptShape: readonly number[];
        keptStrides: readonly number[];
        /** Sizes of the reduced axes, their row-major strides among themselves and in the input. */
        reducedShape: readonly number[];
        reducedSplit: readonly number[];
        reducedStrides: readonly number[];
        count: number;
      }
    | {
        kind: 'softmax';
        log: boolean;
        /** Stage 1, one per row: the log-sum-exp over `length` elements `stride` apart from `rowStrides · c`. */
        rows: readonly number[];
        rowStrides: readonly number[];
        length: number;
        stride: number;
        /** Stage 2, elementwise: the row of element `c` (`rowOfElement · c`). */
        rowOfElement: readonly number[];
        lseKey: string;
      }
  );

/** The walk of a (batched) matmul: element (i, k) of op(A) at `aI i + aK k`, (k, j) of op(B) at `bK k + bJ j`. */
export interface MatmulPlan {
  M: number;
  K: number;
  N: number;
  batch: readonly number[];
  /** The number of matrices (product of `batch`). */
  B: number;
  /** Per batch axis, the offset of A's and B's matrix (0 where broadcast). */
  batchA: readonly number[];
  batchB: readonly number[];
  aI: number;
  aK: number;
  bK: number;
  bJ: number;
}

/** NumPy broadcasting of two shapes (already validated by the core op). */
export function broadcast(a: readonly number[], b: readonly number[]): number[] {
  const rank = Math.max(a.length, b.length);
  const out = new Array<number>(rank);
  for (let i = 0; i < rank; i++) {
    const da = a[i - (rank - a.length)] ?? 1;
    const db = b[i - (rank - b.length)] ?? 1;
    out[i] = da === 1 ? db : da;
  }
  return out;
}

const sig = (t: Tensor) => (t.storage === null ? 's' : t.shape.join('x'));
const f32 = (v: number) => String(Math.fround(v));

/** The matmul walk of `a @ b` (transposed as asked), batch axes broadcast. */
export function matmulPlan(a: Tensor, b: Tensor, transA: boolean, transB: boolean): MatmulPlan {
  const ra = a.rank;
  const rb = b.rank;
  const M = a.shape[transA ? ra - 1 : ra - 2]!;
  const K = a.shape[transA ? ra - 2 : ra - 1]!;
  const N = b.shape[transB ? rb - 2 : rb - 1]!;
  const batch = broadcast(a.shape.slice(0, -2), b.shape.slice(0, -2));
  let B = 1;
  for (const d of batch) B *= d;
  return {
    M,
    K,
    N,
    batch,
    B,
    batchA: broadcastInputStrides(a.shape.slice(0, -2), batch).map((s) => s * M * K),
    batchB: broadcastInputStrides(b.shape.slice(0, -2), batch).map((s) => s * K * N),
    aI: transA ? 1 : K,
    aK: transA ? M : 1,
    bK: transB ? 1 : N,
    bJ: transB ? K : 1,
  };
}

/**
 * Lowers the device op `op` on `inputs` (attributes `at`, as the core passes them) to kernel parameters, or
 * returns why it has no kernel. Shapes and attributes were validated by the core op.
 */
export function lower(op: string, inputs: readonly Tensor[], at: DeviceAttributes): Lowered | string {
  if (op in BINARY) {
    const [a, b] = inputs as [Tensor, Tensor];
    const shape = broadcast(a.shape, b.shape);
    const st = (t: Tensor) =>
      t.storage === null ? shape.map(() => 0) : broadcastInputStrides(t.shape, shape);
    return {
      kind: 'binary',
      op,
      key: `${op}|${sig(a)}|${sig(b)}|${shape.join('x')}`,
      shape,
      inputs: [a, b],
      scalars: [],
      strides: [st(a), st(b)],
    };
  }
  if (op in UNARY) {
    const [x] = inputs as [Tensor];
    const p = at.p as number;
    const q = at.q as number;
    return {
      kind: 'unary',
      op,
      p,
      q,
      key: `${op}|${f32(p)}|${f32(q)}|${x.size}`,
      shape: x.shape,
      inputs: [x],
      scalars: [],
    };
  }
  switch (op) {
    case 'fill': {
      const [x] = inputs as [Tensor];
      return {
        kind: 'fill',
        key: `fill|${x.size}`,
        shape: x.shape,
        inputs: [],
        scalars: [at.value as number],
      };
    }
    case 'broadcastTo':
    case 'transpose':
    case 'slice': {
      const [x] = inputs as [Tensor];
      const own = strides(x.shape);
      let shape: readonly number[];
      let s: readonly number[];
      let origin = 0;
      if (op === 'broadcastTo') {
        shape = at.shape as readonly number[];
        s = broadcastInputStrides(x.shape, shape);
      } else if (op === 'transpose') {
        const perm = at.perm as readonly number[];
        shape = perm.map((p) => x.shape[p]!);
        s = perm.map((p) => own[p]!);
      } else {
        const starts = at.starts as readonly number[];
        const steps = at.steps as readonly number[];
        shape = at.shape as readonly number[];
        for (let d = 0; d < x.rank; d++) origin += starts[d]! * own[d]!;
        s = own.map((k, d) => k * steps[d]!);
      }
      // one kernel per (input layout, output shape, walk): broadcastTo, transpose and slice share it
      return {
        kind: 'strided',
        key: `strided|${sig(x)}|${shape.join('x')}|${s.join(',')}|${origin}`,
        shape,
        inputs: [x],
        scalars: [],
        strides: s,
        origin,
      };
    }
    case 'where': {
      const [c, a, b] = inputs as [Tensor, Tensor, Tensor];
      const shape = broadcast(broadcast(c.shape, a.shape), b.shape);
      const st = (t: Tensor) =>
        t.storage === null ? shape.map(() => 0) : broadcastInputStrides(t.shape, shape);
      return {
        kind: 'where',
        key: `where|${sig(c)}|${sig(a)}|${sig(b)}|${shape.join('x')}`,
        shape,
        inputs: [c, a, b],
        scalars: [],
        strides: [st(c), st(a), st(b)],
      };
    }
    case 'scatterWindow': {
      // the window g placed into a tensor of shape `full` (elements outside it: `fill`)
      const [g] = inputs as [Tensor];
      const full = at.full as readonly number[];
      const starts = at.starts as readonly number[];
      const steps = at.steps as readonly number[];
      const fill = at.fill as number;
      return {
        kind: 'window',
        key: `scatterWindow|${sig(g)}|${full.join('x')}|${starts.join(',')}|${steps.join(',')}|${f32(fill)}`,
        shape: full,
        inputs: [g],
        scalars: [],
        starts,
        steps,
        fill,
        windowShape: g.shape,
        windowStrides: strides(g.shape),
      };
    }
    case 'concat': {
      if (inputs.some((t) => t.storage === null)) return 'concat of a CPU tensor';
      const axis = at.axis as number;
      const shape = inputs[0]!.shape.slice();
      shape[axis] = inputs.reduce((n, t) => n + t.shape[axis]!, 0);
      // the coordinate along the axis picks the input, each read at its own strides
      let start = 0;
      const parts = inputs.map((t) => {
        const part = { start, end: start + t.shape[axis]!, strides: strides(t.shape) };
        start = part.end;
        return part;
      });
      return {
        kind: 'concat',
        key: `concat|${axis}|${inputs.map((t) => t.shape.join('x')).join('|')}`,
        shape,
        inputs,
        scalars: [],
        axis,
        parts,
      };
    }
    case 'ema': {
      // the fused moment / momentum update `decay * s + scale * g` (or `g²` with `square`): one pass; decay and
      // scale are kernel arguments, so a schedule or a bias correction compiles no new kernel
      const [s, g] = inputs as [Tensor, Tensor];
      if (s.storage === null || g.storage === null) return 'ema of a CPU tensor';
      const square = at.square === true;
      return {
        kind: 'ema',
        square,
        key: `ema|${square}|${s.size}`,
        shape: s.shape,
        inputs: [s, g],
        scalars: [at.decay as number, at.scale as number],
      };
    }
    case 'adamParam': {
      // Adam's parameter update in PyTorch's order: p * decay + stepSize * m / (sqrt(v) / bc2 + eps)
      const [p, m, v] = inputs as [Tensor, Tensor, Tensor];
      if (p.storage === null || m.storage === null || v.storage === null) return 'adamParam of a CPU tensor';
      return {
        kind: 'adamParam',
        key: `adamParam|${p.size}`,
        shape: p.shape,
        inputs: [p, m, v],
        scalars: [at.decay as number, at.stepSize as number, at.bc2 as number, at.eps as number],
      };
    }
    case 'dropout': {
      // the mask of dropout: scale where hash(seed, i) < keep 2^24, else 0 (dropoutHash of src/ops/_deviceDropout.ts)
      const [x] = inputs as [Tensor];
      if (x.storage === null) return 'dropout of a CPU tensor';
      return {
        kind: 'dropout',
        key: `dropoutMask|${x.size}`,
        shape: x.shape,
        inputs: [],
        scalars: [at.seedLo as number, at.seedHi as number, at.bound as number, at.scale as number],
      };
    }
    case 'gather':
    case 'indexAdd': {
      // indexSelect's rows (x viewed as [outer, n, inner], the indices as floats) and its backward
      const [x, idx] = inputs as [Tensor, Tensor];
      if (x.storage === null || idx.storage === null) return `${op} of a CPU tensor`;
      const { outer, n, inner, m } = at as Record<string, number>;
      return {
        kind: op,
        key: `${op}|${outer}|${n}|${inner}|${m}`,
        shape: at.shape as readonly number[],
        inputs: [x, idx],
        scalars: [],
        n,
        inner,
        m,
        rows: op === 'gather' ? m : n,
      };
    }
    case 'matmul': {
      const [a, b] = inputs as [Tensor, Tensor];
      if (a.storage === null || b.storage === null) return 'matmul of a CPU scalar';
      const transA = at.transA === true;
      const transB = at.transB === true;
      const plan = matmulPlan(a, b, transA, transB);
      return {
        kind: 'matmul',
        key: `matmul|${a.shape.join('x')}|${b.shape.join('x')}|${transA}|${transB}`,
        shape: [...plan.batch, plan.M, plan.N],
        inputs: [a, b],
        scalars: [],
        plan,
      };
    }
    case 'sum':
    case 'mean': {
      const [x] = inputs as [Tensor];
      const axes = at.axes as readonly number[];
      const keepDims = at.keepDims === true;
      const kept = x.shape.map((_, i) => i).filter((i) => !axes.includes(i));
      const reduced = x.shape.map((_, i) => i).filter((i) => axes.includes(i));
      const own = strides(x.shape);
      const reducedShape = reduced.map((i) => x.shape[i]!);
      let count = 1;
      for (const d of reducedShape) count *= d;
      return {
        kind: 'reduce',
        key: `${op}|${x.shape.join('x')}|${axes.join(',')}|${keepDims}`,
        shape: keepDims ? x.shape.map((d, i) => (axes.includes(i) ? 1 : d)) : kept.map((i) => x.shape[i]!),
        inputs: [x],
        scalars: [],
        mean: op === 'mean',
        keptShape: kept.map((i) => x.shape[i]!),
        keptStrides: kept.map((i) => own[i]!),
        reducedShape,
        reducedSplit: strides(reducedShape),
        reducedStrides: reduced.map((i) => own[i]!),
        count,
      };
    }
    case 'softmax':
    case 'logSoftmax': {
      // stage 1: per row (all axes but `axis`) the log-sum-exp; stage 2: elementwise
      const [x] = inputs as [Tensor];
      const axis = at.axis as number;
      const own = strides(x.shape);
      const rows = x.shape.filter((_, i) => i !== axis);
      const rowSplit = strides(rows);
      return {
        kind: 'softmax',
        log: op === 'logSoftmax',
        key: `${op}|${x.shape.join('x')}|${axis}`,
        lseKey: `lse|${x.shape.join('x')}|${axis}`,
        shape: x.shape,
        inputs: [x],
        scalars: [],
        rows,
        rowStrides: x.shape
          .map((_, i) => i)
          .filter((i) => i !== axis)
          .map((i) => own[i]!),
        length: x.rank === 0 ? 1 : x.shape[axis]!,
        stride: x.rank === 0 ? 0 : own[axis]!,
        rowOfElement: x.shape.map((_, i) => (i === axis ? 0 : rowSplit[i < axis ? i : i - 1]!)),
      };
    }
    default:
      return `no kernel for ${op}`;
  }
}

/**
 * The small-tensor policy of both backends (tfjs's "CPU forwarding"): an op stays on the CPU when its output has
 * fewer than `minSize` elements and each of its device operands has a CPU copy already (`cached`), so that no
 * readback is needed; its result is uploaded and keeps its CPU copy. Anything else runs on the device: a
 * readback to save one small launch stalls the device's queue.
 */
export function staysOnCpu(l: Lowered, minSize: number, cached: (t: Tensor) => boolean): boolean {
  if (minSize === 0) return false;
  let size = 1;
  for (const d of l.shape) size *= d;
  if (size >= minSize) return false;
  for (const t of l.inputs) if (t.storage !== null && !cached(t)) return false;
  return true;
}
