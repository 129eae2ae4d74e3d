import type { TensorArray } from '../dtype';
import type { Tensor } from '../tensor';
import { wasmExtremeRows, wasmSumCols, wasmSumRows } from '../wasm/elementwise';
import { SUM_CHUNK as ROW_CHUNK } from '../wasm/layout';
import { wasmFor } from '../wasm/runtime';
import { permuteKernel } from './permute';

/**
 * @internal A reduction viewed as `[outer, reduce, inner]` over contiguous data: the reduced axes are either a
 * contiguous block of `x` (no copy) or moved last by a permuted copy (then `inner` is 1). Output element
 * `o * inner + i` is the keepDims-shaped result in row-major order.
 */
export interface ReduceLayout {
  data: TensorArray;
  outer: number;
  reduce: number;
  inner: number;
  /** The result's shape with each reduced axis kept as 1. */
  keepShape: number[];
}

/** @internal Builds the {@link ReduceLayout} of reducing `x` over the sorted, unique `axes`. */
export function reduceLayout(x: Tensor, axes: readonly number[]): ReduceLayout {
  const shape = x.shape;
  const rank = shape.length;
  const isReduced = new Array<boolean>(rank).fill(false);
  for (const a of axes) isReduced[a] = true;
  const keepShape = shape.map((d, i) => (isReduced[i] ? 1 : d));
  let reduce = 1;
  for (const a of axes) reduce *= shape[a]!;
  const outSize = keepShape.reduce((p, d) => p * d, 1);
  let contiguous = true;
  for (let i = 1; i < axes.length; i++) if (axes[i] !== axes[i - 1]! + 1) contiguous = false;
  if (axes.length === 0) return { data: x.data, outer: x.size, reduce: 1, inner: 1, keepShape };
  if (contiguous) {
    let outer = 1;
    for (let i = 0; i < axes[0]!; i++) outer *= shape[i]!;
    let inner = 1;
    for (let i = axes[axes.length - 1]! + 1; i < rank; i++) inner *= shape[i]!;
    return { data: x.data, outer, reduce, inner, keepShape };
  }
  const perm: number[] = [];
  for (let i = 0; i < rank; i++) if (!isReduced[i]) perm.push(i);
  for (const a of axes) perm.push(a);
  return { data: permuteKernel(x.data, shape, perm, x.dtype), outer: outSize, reduce, inner: 1, keepShape };
}

/** Eight interleaved partial sums of `d[base .. base + n)` in float64, added pairwise at the end. */
function rowSum(d: TensorArray, base: number, n: number): number {
  let s0 = 0;
  let s1 = 0;
  let s2 = 0;
  let s3 = 0;
  let s4 = 0;
  let s5 = 0;
  let s6 = 0;
  let s7 = 0;
  let r = base;
  const end = base + n;
  for (; r + 7 < end; r += 8) {
    s0 += d[r]!;
    s1 += d[r + 1]!;
    s2 += d[r + 2]!;
    s3 += d[r + 3]!;
    s4 += d[r + 4]!;
    s5 += d[r + 5]!;
    s6 += d[r + 6]!;
    s7 += d[r + 7]!;
  }
  for (; r < end; r++) s0 += d[r]!;
  return s0 + s1 + (s2 + s3) + (s4 + s5 + (s6 + s7));
}

/** @internal Sums over the layout's reduce dimension in float64: one value per output element. */
export function sumLayout(l: ReduceLayout): Float64Array {
  const { data: d, outer, reduce: R, inner } = l;
  const acc = new Float64Array(outer * inner);
  if (inner === 1) {
    // float32 rows run in the WebAssembly kernels: the same partial sums and chunks, so the same values
    const rt = d instanceof Float32Array ? wasmFor(outer * R) : null;
    if (rt !== null) {
      wasmSumRows(rt, d as Float32Array, outer, R, acc);
      return acc;
    }
    for (let o = 0; o < outer; o++) {
      const base = o * R;
      if (R <= ROW_CHUNK) acc[o] = rowSum(d, base, R);
      else {
        // Short calls let V8 optimize rowSum as a whole function; one call over a very long row runs it by
        // on-stack replacement, which can stay stuck in a deoptimization cycle (2-4x slower).
        let s = 0;
        for (let r = 0; r < R; r += ROW_CHUNK) s += rowSum(d, base + r, Math.min(ROW_CHUNK, R - r));
        acc[o] = s;
      }
    }
    return acc;
  }
  // float32: the WebAssembly kernel (each column summed in the same row order, so the same values)
  const rt = d instanceof Float32Array ? wasmFor(outer * R * inner) : null;
  if (rt !== null) {
    wasmSumCols(rt, d as Float32Array, outer, R, inner, acc);
    return acc;
  }
  for (let o = 0; o < outer; o++) {
    const ob = o * inner;
    for (let r = 0; r < R; r++) {
      const base = (o * R + r) * inner;
      for (let i = 0; i < inner; i++) acc[ob + i] += d[base + i]!;
    }
  }
  return acc;
}

/** @internal Mean-centred sum of squares over the reduce dimension in float64 (two passes). */
export function sumSquaredDeviationLayout(l: ReduceLayout): Float64Array {
  const { data: d, outer, reduce: R, inner } = l;
  const mean = sumLayout(l);
  for (let i = 0; i < mean.length; i++) mean[i]! /= R;
  const acc = new Float64Array(outer * inner);
  if (inner === 1) {
    for (let o = 0; o < outer; o++) {
      const base = o * R;
      const m = mean[o]!;
      let s = 0;
      for (let r = 0; r < R; r++) {
        const t = d[base + r]! - m;
        s += t * t;
      }
      acc[o] = s;
    }
    return acc;
  }
  for (let o = 0; o < outer; o++) {
    const ob = o * inner;
    for (let r = 0; r < R; r++) {
      const base = (o * R + r) * inner;
      for (let i = 0; i < inner; i++) {
        const t = d[base + i]! - mean[ob + i]!;
        acc[ob + i] += t * t;
      }
    }
  }
  return acc;
}

/**
 * @internal Maximum (`sign` 1) or minimum (`sign` -1) over the reduce dimension and the index (within it) of its
 * first occurrence. NaN wins, like PyTorch: the first NaN is the result.
 */
export function extremeLayout(l: ReduceLayout, sign: 1 | -1): { values: Float64Array; index: Int32Array } {
  const { data: d, outer, reduce: R, inner } = l;
  const n = outer * inner;
  const values = new Float64Array(n);
  const index = new Int32Array(n);
  if (R === 0) {
    values.fill(Number.NaN);
    return { values, index };
  }
  if (inner === 1) {
    // float32: the WebAssembly kernel (the same values and indices)
    const rt = d instanceof Float32Array ? wasmFor(n * R) : null;
    if (rt !== null) {
      wasmExtremeRows(rt, d as Float32Array, outer, R, sign, values, index);
      return { values, index };
    }
    for (let o = 0; o < outer; o++) {
      const base = o * R;
      let best = d[base]!;
      let bi = 0;
      if (!Number.isNaN(best)) {
        for (let r = 1; r < R; r++) {
          const v = d[base + r]!;
          if (sign > 0 ? v > best : v < best) {
            best = v;
            bi = r;
          } else if (Number.isNaN(v)) {
            best = v;
            bi = r;
            break;
          }
        }
      }
      values[o] = best;
      index[o] = bi;
    }
    return { values, index };
  }
  // Slices along a non-last axis: sweep rows of `inner` contiguous values, keeping one running extreme each.
  for (let o = 0; o < outer; o++) {
    const ob = o * inner;
    const base = o * R * inner;
    for (let i = 0; i < inner; i++) values[ob + i] = d[base + i]!;
    for (let r = 1; r < R; r++) {
      const row = base + r * inner;
      for (let i = 0; i < inner; i++) {
        const v = d[row + i]!;
        const b = values[ob + i]!;
        if (sign > 0 ? v > b : v < b) {
          values[ob + i] = v;
          index[ob + i] = r;
        } else if (Number.isNaN(v) && !Number.isNaN(b)) {
          values[ob + i] = v;
          index[ob + i] = r;
        }
      }
    }
  }
  return { values, index };
}
