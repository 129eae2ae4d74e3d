import { MATMUL_BASE } from './layout';
import { reserve, type WasmRuntime } from './runtime';

const up16 = (n: number) => (n + 15) & ~15;

/**
 * @internal $C = A B$ for one float32 `[M, K] x [K, N]` pair (row-major at offsets `aOff`, `bOff`, `cOff`) in the
 * WebAssembly kernels: the operands are copied into kernel memory, widened to float64 (B packed into panels of
 * four columns), multiplied in 4 x 4 tiles with float64 accumulation in order k = 0..K-1 — the same sums as the
 * JavaScript kernel — and rounded once into C. With `bReady`, B is the one packed by the previous call (same
 * shape). Returns false, leaving C untouched, when kernel memory cannot grow to the size needed.
 */
export function wasmMatmul(
  rt: WasmRuntime,
  a: Float32Array,
  aOff: number,
  b: Float32Array,
  bOff: number,
  c: Float32Array,
  cOff: number,
  M: number,
  K: number,
  N: number,
  bReady: boolean,
): boolean {
  const M4 = (M + 3) & ~3;
  const N4 = (N + 3) & ~3;
  const bp = MATMUL_BASE;
  const ap = up16(bp + N4 * K * 8);
  const aAt = up16(ap + M4 * K * 8);
  const bAt = up16(aAt + M * K * 4);
  const cAt = up16(bAt + K * N * 4);
  if (!reserve(rt, cAt + M4 * N4 * 4)) return false;
  const { k, f32 } = rt;
  f32.set(a.subarray(aOff, aOff + M * K), aAt >> 2);
  k.widenRows(aAt, ap, M, K, M4);
  if (!bReady) {
    f32.set(b.subarray(bOff, bOff + K * N), bAt >> 2);
    k.packPanels(bAt, bp, K, N, N4);
  }
  k.gemm(ap, bp, cAt, M4, K, N4);
  const c0 = cAt >> 2;
  if (N === N4) c.set(f32.subarray(c0, c0 + M * N), cOff);
  else for (let i = 0; i < M; i++) c.set(f32.subarray(c0 + i * N4, c0 + i * N4 + N), cOff + i * N);
  return true;
}
