import { expf } from './expF32x4';

const f = Math.fround;

/**
 * @internal One row of the float32 softmax cross-entropy forward kernel (ceLse4 in scripts/build-wasm.mjs, one row
 * per lane), emulated bit for bit: the row maximum by `m < v ? v : m` in column order (NaN skipped), stored in
 * `m[n]`, and the float64 sum of the float32 exponentials `expf(fl(x - m))` in column order, stored in `s[n]`.
 */
export function ceLseRowF32(x: Float32Array, n: number, C: number, m: Float64Array, s: Float64Array): void {
  const base = n * C;
  let mx = Number.NEGATIVE_INFINITY;
  for (let c = 0; c < C; c++) {
    const v = x[base + c]!;
    if (mx < v) mx = v;
  }
  let t = 0;
  for (let c = 0; c < C; c++) t += expf(f(x[base + c]! - mx));
  m[n] = mx;
  s[n] = t;
}

/**
 * @internal One row of the float32 softmax cross-entropy backward kernel (ceBwd4), emulated bit for bit:
 * `o[n, c] = fl(fl(a expf(fl(fl(x - m) - ls))) - fl(b w[c]))`.
 */
export function ceBwdRowF32(
  x: Float32Array,
  o: Float32Array,
  n: number,
  C: number,
  m: number,
  ls: number,
  a: number,
  b: number,
  w: Float32Array,
): void {
  const base = n * C;
  for (let c = 0; c < C; c++) o[base + c] = f(f(a * expf(f(f(x[base + c]! - m) - ls))) - f(b * w[c]!));
}
