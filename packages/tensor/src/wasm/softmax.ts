import { BLOCK, E, M, MAX_ROWS, O, S, TAB, X } from './layout';
import type { WasmRuntime } from './runtime';

/** @internal Whether rows of `C` elements fit the softmax kernels (a whole row per block). */
export function softmaxFits(C: number): boolean {
  return C > 0 && C <= BLOCK;
}

/**
 * @internal Softmax (or, with `log`, log-softmax) of `outer` contiguous float32 rows of `C` elements of `d` into
 * `out`, with exactly the JavaScript kernel's arithmetic: the row maximum m by "greater than"; for softmax
 * e = expf(x - m) in float32 four lanes at a time (src/kernels/expF32x4.ts), s = their float64 sum (four partial
 * sums), then e * fl32(1 / s) in float32; for log-softmax e^(x - m) in float64 by the table-driven exponential,
 * s = their sum (even and odd positions apart), then x - (m + log s), rounded to float32. Returns the rows whose maximum is not finite (an infinity, or no number at
 * all): their output is left for the caller to compute.
 */
export function wasmSoftmaxRows(
  rt: WasmRuntime,
  d: Float32Array,
  out: Float32Array,
  outer: number,
  C: number,
  log: boolean,
): number[] {
  const { k, f32, f64 } = rt;
  const bad: number[] = [];
  const per = Math.min(Math.floor(BLOCK / C), MAX_ROWS);
  const m0 = M >> 3;
  const s0 = S >> 3;
  for (let o = 0; o < outer; o += per) {
    const rows = Math.min(per, outer - o);
    f32.set(d.subarray(o * C, (o + rows) * C), X >> 2);
    k.rowMax(X, M, rows, C);
    for (let r = 0; r < rows; r++) {
      const m = f64[m0 + r]!;
      if (m === Number.POSITIVE_INFINITY || m === Number.NEGATIVE_INFINITY) {
        bad.push(o + r);
        f64[m0 + r] = 0;
      }
    }
    if (log) {
      k.expRows(X, E, M, S, rows, C, TAB);
      for (let r = 0; r < rows; r++) f64[s0 + r] = f64[m0 + r]! + Math.log(f64[s0 + r]!);
      k.subRows(X, S, O, rows, C);
    } else {
      // float32 exponentials four lanes at a time, float64 row sums, then a float32 scale
      k.softmaxExp(X, O, M, S, rows, C);
      k.scaleRowsF32(O, S, rows, C);
    }
    out.set(f32.subarray(O >> 2, (O >> 2) + rows * C), o * C);
  }
  return bad;
}
