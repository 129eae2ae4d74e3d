import { logSumF32 } from '../kernels/expF32x4';
import { BLOCK, M, MAX_ROWS, O, S, X } from './layout';
import type { WasmRuntime } from './runtime';

/** @internal Whether rows of `C` elements fit the softmax kernels (a whole row per block). */
export function softmaxFits(C: number): boolean {
  return C > 0 && C <= BLOCK;
}

/**
 * @internal Softmax (or, with `log`, log-softmax) of `outer` contiguous float32 rows of `C` elements of `d` into
 * `out`, with exactly the JavaScript kernel's arithmetic (src/kernels/expF32x4.ts), all in float32: the row
 * maximum m, e = expf(x - m) four lanes at a time, s = their sum in eight float32 partial sums; for softmax
 * e * fl(1 / s), for log-softmax (x - m) - fl(log s) (the logarithm by `Math.log`, between two kernel calls). One
 * fused call per block of rows keeps each row in the L1 cache through its passes. Returns the rows whose maximum
 * is not finite (an infinity, or no number at all): their output is left for the caller to compute.
 */
export function wasmSoftmaxRows(
  rt: WasmRuntime,
  d: Float32Array,
  out: Float32Array,
  outer: number,
  C: number,
  log: boolean,
): number[] {
  const { k, f32 } = rt;
  const bad: number[] = [];
  const per = Math.min(Math.floor(BLOCK / C), MAX_ROWS);
  const m0 = M >> 2;
  const s0 = S >> 2;
  for (let o = 0; o < outer; o += per) {
    const rows = Math.min(per, outer - o);
    f32.set(d.subarray(o * C, (o + rows) * C), X >> 2);
    if (log) {
      k.lseF32(X, M, S, rows, C);
      for (let r = 0; r < rows; r++) {
        const m = f32[m0 + r]!;
        if (m - m === 0) f32[s0 + r] = logSumF32(f32[s0 + r]!);
        else bad.push(o + r);
      }
      k.logSoftmaxSubF32(X, O, M, S, rows, C);
    } else {
      k.softmaxF32(X, O, M, rows, C);
      for (let r = 0; r < rows; r++) {
        const m = f32[m0 + r]!;
        if (m - m !== 0) bad.push(o + r);
      }
    }
    out.set(f32.subarray(O >> 2, (O >> 2) + rows * C), o * C);
  }
  return bad;
}
