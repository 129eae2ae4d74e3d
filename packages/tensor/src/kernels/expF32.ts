import type { TensorArray } from '../dtype';
import { wasmExp } from '../wasm/elementwise';
import { wasmFor } from '../wasm/runtime';

// exp(v) = 2^m * 2^(j/256) * exp(r) with v = (256 m + j) ln2/256 + r, |r| <= ln2/512, exp(r) by its degree-4
// Taylor polynomial (truncation error below 4e-17). ln2/256 is split in a 32-bit head (so that k * LN2_256_HI is
// exact for |k| < 2^21) and a tail: fdlibm's ln2_hi and ln2_lo, divided by 256.
const INV_LN2_256 = 256 / Math.LN2;
const LN2_256_HI = 0.6931471803691238 / 256;
const LN2_256_LO = 1.9082149292705877e-10 / 256;
/** Adding and subtracting 1.5 * 2^52 rounds a double of magnitude < 2^51 to the nearest integer. */
const ROUND = 6755399441055744;
/** @internal 2^(j/256), j = 0..255 (also copied into the WebAssembly kernels' memory). */
export const POW2_FRAC = /* @__PURE__ */ Float64Array.from({ length: 256 }, (_, j) => 2 ** (j / 256));
/** 2^m for m = -160..159 at index m + 160. */
const POW2_INT = /* @__PURE__ */ Float64Array.from({ length: 320 }, (_, i) => 2 ** (i - 160));
/** Arguments are clamped to [LOW, HIGH]: e^LOW rounds to 0 in float32, e^HIGH to Infinity (float32 overflows at 88.72). */
const LOW = -110;
const HIGH = 88.8;
/** Elements per call of the inner loop function (see expF32). */
const CHUNK = 8192;

/**
 * `dst[i] = e^(clamp(src[i] - shift))` over whole (sub)arrays: table-driven range reduction and a degree-4
 * polynomial, within a few float64 ulps of the exact value (relative error below 1e-15). Returns the float64 sum of
 * the exponentials as two partial sums, of even and of odd positions, added at the end (the order the two-lane
 * WebAssembly kernel uses; callers that need no sum ignore it).
 */
function expRun(src: TensorArray, dst: TensorArray, shift: number): number {
  const n = dst.length;
  // Local copies: bundlers emit module-level const as `var`, which V8 reloads (and unboxes) every iteration.
  const frac = POW2_FRAC;
  const ints = POW2_INT;
  const inv = INV_LN2_256;
  const hi = LN2_256_HI;
  const lo = LN2_256_LO;
  const round = ROUND;
  const low = LOW;
  const high = HIGH;
  let s0 = 0;
  let s1 = 0;
  for (let i = 0; i < n; i++) {
    const v = Math.min(Math.max(src[i]! - shift, low), high);
    const k = v * inv + round - round;
    const r = v - k * hi - k * lo;
    const p = 1 + r * (1 + r * (0.5 + r * (1 / 6 + r * (1 / 24))));
    const ki = k | 0;
    const e = frac[ki & 255]! * ints[(ki >> 8) + 160]! * p;
    dst[i] = e;
    if ((i & 1) === 0) s0 += e;
    else s1 += e;
  }
  return s0 + s1;
}

/**
 * @internal Elementwise $e^{x - \text{shift}}$ of `src` into `dst` (same length), for results that end up rounded
 * to float32: about twice as fast as `Math.exp`, with a relative error below 1e-15 before rounding, so the float32
 * results equal `Math.fround(Math.exp(x - shift))` except, very rarely, by one ulp where the exact value lies within
 * 1e-15 of a rounding boundary. NaN stays NaN; arguments are clamped to [-110, 88.8], which maps -Infinity and
 * everything below $e^{-103.3}$ to 0 and +Infinity and everything above 88.72 to Infinity once rounded to float32
 * (the float64 values written are $e^{-110}$ and $e^{88.8}$ there).
 */
export function expF32(src: TensorArray, dst: TensorArray, shift = 0): void {
  const n = dst.length;
  // float32 in and out: the WebAssembly kernel (the same algorithm, the same values)
  const rt = src instanceof Float32Array && dst instanceof Float32Array ? wasmFor(n) : null;
  if (rt !== null) {
    wasmExp(rt, src as Float32Array, dst as Float32Array, shift);
    return;
  }
  if (n <= CHUNK) {
    expRun(src, dst, shift);
    return;
  }
  // Short calls let V8 optimize expRun as a whole function rather than by on-stack replacement of one long loop.
  for (let i = 0; i < n; i += CHUNK) {
    const e = Math.min(n, i + CHUNK);
    expRun(src.subarray(i, e), dst.subarray(i, e), shift);
  }
}

/**
 * @internal {@link expF32} of `src` into `dst` (same length, at most a few thousand elements: one softmax row),
 * returning the float64 sum of the exponentials (before any rounding of `dst`): even and odd positions summed
 * apart in index order, then added. The caller must
 * pass a finite `shift` no smaller than any element (the row maximum), so that every argument is at most 0.
 */
export function expF32Sum(src: TensorArray, dst: TensorArray, shift: number): number {
  return expRun(src, dst, shift);
}
