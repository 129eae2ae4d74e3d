import { badArgument, checkInteger, describe } from '@dl/internal';
import type { SymmetricOperator } from './lanczos';

export { uniforms } from './_random';

/** @internal Checks that `operator` is a function (TypeError naming `fn`). */
export function checkOperator(fn: string, operator: unknown): SymmetricOperator {
  if (typeof operator !== 'function') throw badArgument(fn, 'operator', 'a function v => H v', operator);
  return operator as SymmetricOperator;
}

/** @internal Checks the required `dimension` option. */
export function checkDimension(fn: string, n: unknown): number {
  if (n === undefined)
    throw new TypeError(`${fn}: dimension is required (the number of parameters), got undefined`);
  return checkInteger(fn, 'dimension', n, 1);
}

/**
 * @internal Applies the operator to `v` and copies the product into a fresh Float64Array, checking its length
 * and that every value is finite; `count` is the product's number, for the error message.
 */
export function applyOperator(
  fn: string,
  operator: SymmetricOperator,
  v: Float64Array,
  count: number,
): Float64Array {
  const n = v.length;
  const hv = operator(v);
  if (hv === null || typeof hv !== 'object' || (hv as ArrayLike<number>).length !== n) {
    throw new RangeError(`${fn}: operator must return ${n} numbers (the dimension), got ${describe(hv)}`);
  }
  const w = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const x = hv[i]!;
    if (typeof x !== 'number' || !Number.isFinite(x)) {
      throw new RangeError(
        `${fn}: operator returned a non-finite value ${describe(x)} at index ${i} (product ${count})`,
      );
    }
    w[i] = x;
  }
  return w;
}

/** @internal $a \cdot b$. */
export function dot(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i]! * b[i]!;
  return s;
}

/** @internal Removes from `w` its components along the orthonormal vectors `basis` (twice: classical GS twice). */
export function orthogonalize(w: Float64Array, basis: readonly Float64Array[]): void {
  const n = w.length;
  for (let pass = 0; pass < 2; pass++) {
    for (const q of basis) {
      const c = dot(q, w);
      for (let i = 0; i < n; i++) w[i]! -= c * q[i]!;
    }
  }
}

/** @internal Scales `w` to unit length in place; returns its former norm. */
export function normalize(w: Float64Array): number {
  const norm = Math.sqrt(dot(w, w));
  if (norm > 0) for (let i = 0; i < w.length; i++) w[i]! /= norm;
  return norm;
}

/** @internal A Rademacher vector (entries ±1 with probability ½ each) of length `n` from `uniform`. */
export function rademacher(n: number, uniform: () => number): Float64Array {
  const z = new Float64Array(n);
  for (let i = 0; i < n; i++) z[i] = uniform() < 0.5 ? -1 : 1;
  return z;
}

/** @internal Checks the `seed` option: an integer. */
export function checkSeed(fn: string, seed: unknown): number {
  return checkInteger(fn, 'seed', seed, 0, 2 ** 32 - 1);
}

/**
 * @internal Lanczos tridiagonalization from the unit vector `start`, `steps` steps at most, with full
 * reorthogonalization; stops early when the Krylov space becomes invariant.
 */
export function lanczosTridiagonal(
  fn: string,
  operator: SymmetricOperator,
  start: Float64Array,
  steps: number,
  counter: { products: number },
): { alpha: number[]; beta: number[] } {
  const n = start.length;
  const Q: Float64Array[] = [];
  const alpha: number[] = [];
  const beta: number[] = [];
  let q = start;
  let scale = 0;
  for (let j = 0; j < steps; j++) {
    Q.push(q);
    const w = applyOperator(fn, operator, q, ++counter.products);
    const a = dot(q, w);
    alpha.push(a);
    scale = Math.max(scale, Math.abs(a) + (beta[j - 1] ?? 0));
    orthogonalize(w, Q);
    const b = normalize(w);
    if (j === steps - 1 || j === n - 1 || b <= 1e-10 * scale) break;
    beta.push(b);
    q = w;
  }
  return { alpha, beta };
}

/** @internal Sample standard deviation over √m (0 for one value). */
export function standardError(values: readonly number[]): number {
  const m = values.length;
  if (m < 2) return 0;
  let mean = 0;
  for (const v of values) mean += v;
  mean /= m;
  let ss = 0;
  for (const v of values) ss += (v - mean) ** 2;
  return Math.sqrt(ss / (m - 1) / m);
}
