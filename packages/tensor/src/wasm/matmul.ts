import { MATMUL_BASE } from './layout';
import { reserve, type WasmRuntime } from './runtime';

const up16 = (n: number) => (n + 15) & ~15;
const down4 = (n: number) => n & ~3;

/** Most bytes of kernel memory a product uses (beyond MATMUL_BASE); larger products are done in blocks. */
let budget = 32 << 20;

/** @internal Sets the memory budget of {@link wasmMatmul} in bytes (tests use small ones); returns the old one. */
export function setMatmulBudget(bytes: number): number {
  const old = budget;
  budget = bytes;
  return old;
}

/**
 * @internal $C = A B$ for one float32 `[M, K] x [K, N]` pair (row-major at offsets `aOff`, `bOff`, `cOff`) in the
 * WebAssembly kernels. B is processed in slabs of columns and A in blocks of rows sized so that the kernel memory
 * used stays within the budget (32 MB: one block up to about 1024 x 1024 x 1024): per slab, B's columns are copied
 * in, widened to float64 and packed into panels of four columns; per block, A's rows are copied in and widened;
 * the product is computed in 4 x 4 tiles with float64 accumulation in order k = 0..K-1 — the same sums as the
 * JavaScript kernel, whatever the blocking — and rounded once into C. With `bReady`, B is the one packed by the
 * previous call (same shape; honoured only when B fits one slab). Returns false, leaving C untouched, when kernel
 * memory cannot grow to the size needed.
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
  const N4 = (N + 3) & ~3;
  const M4 = (M + 3) & ~3;
  // Half the budget for B's slab (float32 copy + float64 panels: 12 bytes per element), the rest for A's block
  // (12 bytes per element) and C's block (4 bytes per element).
  const NB = Math.min(N4, Math.max(4, down4(Math.floor(budget / 2 / (12 * K)))));
  const MB = Math.min(M4, Math.max(4, down4(Math.floor(budget / 2 / (12 * K + 4 * NB)))));
  const bp = MATMUL_BASE;
  const ap = up16(bp + NB * K * 8);
  const aAt = up16(ap + MB * K * 8);
  const bAt = up16(aAt + MB * K * 4);
  const cAt = up16(bAt + K * NB * 4);
  if (!reserve(rt, cAt + MB * NB * 4)) return false;
  const { k, f32 } = rt;
  const c0 = cAt >> 2;
  const oneSlab = NB >= N;
  for (let j0 = 0; j0 < N; j0 += NB) {
    const nb = Math.min(NB, N - j0);
    const nb4 = (nb + 3) & ~3;
    if (!(oneSlab && bReady)) {
      if (oneSlab) f32.set(b.subarray(bOff, bOff + K * N), bAt >> 2);
      else {
        for (let r = 0; r < K; r++) {
          const s = bOff + r * N + j0;
          f32.set(b.subarray(s, s + nb), (bAt >> 2) + r * nb);
        }
      }
      k.packPanels(bAt, bp, K, nb, nb4);
    }
    for (let i0 = 0; i0 < M; i0 += MB) {
      const mb = Math.min(MB, M - i0);
      const mb4 = (mb + 3) & ~3;
      f32.set(a.subarray(aOff + i0 * K, aOff + (i0 + mb) * K), aAt >> 2);
      k.widenRows(aAt, ap, mb, K, mb4);
      k.gemm(ap, bp, cAt, mb4, K, nb4);
      const out = cOff + i0 * N + j0;
      if (nb4 === N) c.set(f32.subarray(c0, c0 + mb * N), out);
      else for (let i = 0; i < mb; i++) c.set(f32.subarray(c0 + i * nb4, c0 + i * nb4 + nb), out + i * N);
    }
  }
  return true;
}
