import { allocate, type TensorArray } from '../dtype';
import { stridesOf } from '../shape';
import { Tensor } from '../tensor';

type Step = (acc: number, v: number) => number;

/** Whether `step` with `init` is a plain sum (checked once per call by probing it). */
function isSum(init: number, step: Step): boolean {
  return init === 0 && step(1.5, 2.25) === 3.75 && step(-0.5, 0.25) === -0.25 && step(3, -3) === 0;
}

/**
 * Sum of `d[base .. base + n)` in float64 with eight interleaved partial sums added pairwise at the end: eight
 * independent dependency chains instead of one, so the loop runs at memory speed rather than at the latency of
 * one floating-point add per element.
 */
function sumRun(d: TensorArray, base: number, n: number): number {
  let s0 = 0;
  let s1 = 0;
  let s2 = 0;
  let s3 = 0;
  let s4 = 0;
  let s5 = 0;
  let s6 = 0;
  let s7 = 0;
  const end = base + n;
  let i = base;
  for (; i + 7 < end; i += 8) {
    s0 += d[i]!;
    s1 += d[i + 1]!;
    s2 += d[i + 2]!;
    s3 += d[i + 3]!;
    s4 += d[i + 4]!;
    s5 += d[i + 5]!;
    s6 += d[i + 6]!;
    s7 += d[i + 7]!;
  }
  for (; i < end; i++) s0 += d[i]!;
  return s0 + s1 + (s2 + s3) + (s4 + s5 + (s6 + s7));
}

/** Elements per sumRun call in a full reduction. */
const SUM_CHUNK = 4096;

/** Sequential reduction of `d[base .. base + n)` with `step`. */
function stepRun(d: TensorArray, base: number, n: number, init: number, step: Step): number {
  let s = init;
  const end = base + n;
  for (let i = base; i < end; i++) s = step(s, d[i]!);
  return s;
}

/**
 * @internal Reduces `x` over the sorted, unique `axes` with `step(acc, value)` starting from `init`, then maps
 * each accumulator with `finish(acc, count)`. Accumulates in float64. Returns the keepDims-shaped result.
 *
 * Sums (`init` 0 and a `step` that adds, checked by probing it once) run in dedicated loops without a call per
 * element; over contiguous elements they keep eight partial sums (added pairwise at the end), so their
 * rounding differs from a strictly sequential float64 sum only in the last bits of the float64 accumulator.
 * Any other `step` is applied sequentially, in index order.
 */
export function reduceKernel(
  x: Tensor,
  axes: readonly number[],
  init: number,
  step: Step,
  finish: (acc: number, count: number) => number = (acc) => acc,
): Tensor {
  const shape = x.shape;
  const rank = shape.length;
  const keepShape = shape.map((d, i) => (axes.includes(i) ? 1 : d));
  const outSize = keepShape.reduce((a, b) => a * b, 1);
  const count = outSize === 0 ? 0 : x.size / outSize;
  const acc = new Float64Array(outSize).fill(init);
  const d = x.data;
  const summing = isSum(init, step);
  let contiguous = axes.length > 0;
  for (let i = 1; i < axes.length; i++) if (axes[i] !== axes[i - 1]! + 1) contiguous = false;
  if (outSize === 0) {
    // nothing to reduce into
  } else if (axes.length === rank || outSize === 1) {
    if (summing) {
      // Chunks keep each sumRun call short: V8 then optimizes it as a whole function instead of on-stack
      // replacing one long loop (which, for a single huge call, can stay stuck in a deoptimization cycle).
      let s = 0;
      for (let i = 0; i < d.length; i += SUM_CHUNK) s += sumRun(d, i, Math.min(SUM_CHUNK, d.length - i));
      acc[0] = s;
    } else {
      acc[0] = stepRun(d, 0, d.length, init, step);
    }
  } else if (contiguous) {
    // [outer, reduce, inner] view of the data: no index arithmetic per element.
    let inner = 1;
    for (let i = axes[axes.length - 1]! + 1; i < rank; i++) inner *= shape[i]!;
    const R = count;
    const outer = outSize / inner;
    if (inner === 1) {
      if (summing) for (let o = 0; o < outer; o++) acc[o] = sumRun(d, o * R, R);
      else for (let o = 0; o < outer; o++) acc[o] = stepRun(d, o * R, R, init, step);
    } else {
      for (let o = 0; o < outer; o++) {
        const ob = o * inner;
        for (let r = 0; r < R; r++) {
          const base = (o * R + r) * inner - ob;
          if (summing) for (let i = ob; i < ob + inner; i++) acc[i]! += d[base + i]!;
          else for (let i = ob; i < ob + inner; i++) acc[i] = step(acc[i]!, d[base + i]!);
        }
      }
    }
  } else {
    const outStrides = stridesOf(keepShape).map((s, i) => (axes.includes(i) ? 0 : s));
    const index = new Array<number>(rank).fill(0);
    let o = 0;
    const last = rank - 1;
    const inner = shape[last]!;
    const innerStride = outStrides[last]!;
    for (let i = 0; i < d.length; i += inner) {
      for (let j = 0, p = o; j < inner; j++, p += innerStride) acc[p] = step(acc[p]!, d[i + j]!);
      for (let k = last - 1; k >= 0; k--) {
        index[k]!++;
        o += outStrides[k]!;
        if (index[k]! < shape[k]!) break;
        o -= outStrides[k]! * shape[k]!;
        index[k] = 0;
      }
    }
  }
  const out = allocate(x.dtype, outSize);
  for (let i = 0; i < outSize; i++) out[i] = finish(acc[i]!, count);
  return new Tensor(out, keepShape, x.dtype);
}
