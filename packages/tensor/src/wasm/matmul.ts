import { MATMUL_KERNELS_WASM } from './matmulKernelsWasm';
import { instantiateKernels, wasmForCompute } from './runtime';

/** @internal The exports of the matrix-product module (scripts/build-wasm.mjs). Pointers are byte offsets. */
interface MatmulExports {
  memory: { readonly buffer: ArrayBuffer; grow(pages: number): number };
  packB(src: number, bp: number, K: number, N: number, sk: number, sn: number): void;
  gemm(
    src: number,
    sm: number,
    sk: number,
    ap: number,
    bp: number,
    c: number,
    mb: number,
    K: number,
    NP: number,
    ldc: number,
  ): void;
  addRows(c: number, bias: number, mb: number, n: number): void;
}

/** @internal The instantiated matrix-product kernels and a float32 view of their memory (renewed when it grows). */
export interface MatmulRuntime {
  k: MatmulExports;
  f32: Float32Array;
}

let runtime: MatmulRuntime | null | undefined;

function ready(exports: unknown): MatmulRuntime {
  const k = exports as MatmulExports;
  return { k, f32: new Float32Array(k.memory.buffer) };
}

/**
 * @internal The matrix-product kernels (a module of their own, instantiated on first use) for a product of
 * `macs` multiply-adds, or null when the WebAssembly kernels are off or unavailable, or below their size threshold:
 * compute-bound work, as {@link wasmForCompute} counts it, from 1,024 multiply-adds (64 x 16; tests set the threshold
 * to 0). The JavaScript kernel emulates float32 with `Math.fround` at every step: a product of 4,096 multiply-adds
 * took 6-9x the WebAssembly call (the digits job's last batch of each epoch, 29 rows, went through it).
 */
export function matmulRuntime(macs: number): MatmulRuntime | null {
  if (wasmForCompute(macs / 16) === null) return null;
  if (runtime === undefined) {
    const exports = instantiateKernels(MATMUL_KERNELS_WASM, (e) => {
      if (runtime === null) runtime = ready(e);
    });
    runtime = exports === null ? null : ready(exports);
  }
  return runtime;
}

/** Makes the module's memory at least `bytes` long; false when it cannot grow. */
function reserve(rt: MatmulRuntime, bytes: number): boolean {
  const have = rt.k.memory.buffer.byteLength;
  if (bytes > have) {
    try {
      rt.k.memory.grow(Math.ceil((bytes - have) / 65536));
    } catch {
      return false;
    }
  }
  if (rt.f32.buffer !== rt.k.memory.buffer) rt.f32 = new Float32Array(rt.k.memory.buffer);
  return true;
}

const up16 = (n: number) => (n + 15) & ~15;
const down8 = (n: number) => n & ~7;

/** Most bytes of kernel memory a product uses; larger products are done in blocks. */
let budget = 48 << 20;

// The module's gemm runs k in steps of 256 (a panel of B, 256 x 8 float32 = 8 KB, stays in the L1 cache) and rows
// of A in steps of 64 (their panels, 64 x 256 float32 = 64 KB, stay in the L2 cache): scripts/build-wasm.mjs.

/** @internal Sets the memory budget of {@link wasmMatmul} in bytes (tests use small ones); returns the old one. */
export function setMatmulBudget(bytes: number): number {
  const old = budget;
  budget = bytes;
  return old;
}

/**
 * Copies rows `r0..r0+nr` and columns `c0..c0+nc` of the row-major `[*, ld]` matrix at `src[off]` into kernel
 * memory at float32 index `dst`, contiguous (`nr x nc`).
 */
function copyBlock(
  f32: Float32Array,
  src: Float32Array,
  off: number,
  ld: number,
  r0: number,
  nr: number,
  c0: number,
  nc: number,
  dst: number,
): void {
  if (nc === ld) {
    f32.set(src.subarray(off + r0 * ld, off + (r0 + nr) * ld), dst);
    return;
  }
  for (let r = 0; r < nr; r++) {
    const s = off + (r0 + r) * ld + c0;
    if (nc < SHORT) for (let j = 0; j < nc; j++) f32[dst + r * nc + j] = src[s + j]!;
    else f32.set(src.subarray(s, s + nc), dst + r * nc);
  }
}

/**
 * Rows shorter than this are copied element by element: a `subarray` per row (an object each) costs more than
 * the copy (the digits MLP's 10-column output: 6.1 → 3.x µs per product).
 */
const SHORT = 64;

/**
 * @internal $C = \operatorname{op}(A) \operatorname{op}(B)$ for one float32 pair in the WebAssembly kernels, with
 * $\operatorname{op}(A)$ `[M, K]` (A stored `[M, K]`, or `[K, M]` when `transA`) and $\operatorname{op}(B)$
 * `[K, N]` (B stored `[K, N]`, or `[N, K]` when `transB`), row-major at offsets `aOff`, `bOff`, `cOff`. Transposed
 * operands are packed straight from their stored layout (no transpose copy). Every element is the float32 sum in
 * order k = 0..K-1 of float32-rounded products — the JavaScript kernel's values, whatever the blocking. Blocks of
 * columns of B and rows of A keep kernel memory within the budget; per block the operands are copied in, packed
 * into panels (4 rows of A, 8 columns of B), multiplied in 4 x 8 tiles (k in steps of 256, rows in steps of 64)
 * and copied out. With `bReady`, B is the one packed by the previous call (same B; honoured only when B fits one
 * block). With `bias` (`[N]`), each row of C gets it added (float32 additions after the sums: the values of
 * `add(matmul(a, b), bias)`), in kernel memory before the copy-out. Returns false, leaving C untouched, when kernel
 * memory cannot grow to the size needed.
 */
export function wasmMatmul(
  rt: MatmulRuntime,
  a: Float32Array,
  aOff: number,
  transA: boolean,
  b: Float32Array,
  bOff: number,
  transB: boolean,
  c: Float32Array,
  cOff: number,
  M: number,
  K: number,
  N: number,
  bReady: boolean,
  bias: Float32Array | null = null,
): boolean {
  const N8 = (N + 7) & ~7;
  const M4 = (M + 3) & ~3;
  // Half the budget for B's block (raw copy + panels: 8 bytes per element), the rest for A's block (8 bytes per
  // element) and C's block (4 bytes per element).
  const NB = Math.min(N8, Math.max(8, down8(Math.floor(budget / 2 / (8 * K)))));
  const MB = Math.min(M4, Math.max(4, Math.floor(budget / 2 / (8 * K + 4 * NB)) & ~3));
  const bp = 0;
  const ap = up16(bp + NB * K * 4);
  const aAt = up16(ap + MB * K * 4);
  const bAt = up16(aAt + MB * K * 4);
  const cAt = up16(bAt + K * NB * 4);
  const biasAt = up16(cAt + MB * NB * 4);
  if (!reserve(rt, biasAt + (bias === null ? 0 : NB * 4))) return false;
  const { k, f32 } = rt;
  const c0 = cAt >> 2;
  const b0 = biasAt >> 2;
  const oneBlock = NB >= N;
  for (let j0 = 0; j0 < N; j0 += NB) {
    const nb = Math.min(NB, N - j0);
    const nb8 = (nb + 7) & ~7;
    if (!(oneBlock && bReady)) {
      // op(B)'s columns j0..j0+nb: rows of a transposed B, a column slab of a plain one
      if (transB) {
        copyBlock(f32, b, bOff, K, j0, nb, 0, K, bAt >> 2);
        k.packB(bAt, bp, K, nb, 1, K);
      } else {
        copyBlock(f32, b, bOff, N, 0, K, j0, nb, bAt >> 2);
        k.packB(bAt, bp, K, nb, nb, 1);
      }
    }
    if (bias !== null) {
      // this block's bias, zero-padded to the panels' width
      for (let j = 0; j < nb; j++) f32[b0 + j] = bias[j0 + j]!;
      for (let j = nb; j < nb8; j++) f32[b0 + j] = 0;
    }
    for (let i0 = 0; i0 < M; i0 += MB) {
      const mb = Math.min(MB, M - i0);
      // op(A)'s rows i0..i0+mb (packed by gemm, which then runs the 4 x 8 tiles over them)
      if (transA) {
        copyBlock(f32, a, aOff, M, 0, K, i0, mb, aAt >> 2);
        k.gemm(aAt, 1, mb, ap, bp, cAt, mb, K, nb8 >> 3, nb8);
      } else {
        copyBlock(f32, a, aOff, K, i0, mb, 0, K, aAt >> 2);
        k.gemm(aAt, K, 1, ap, bp, cAt, mb, K, nb8 >> 3, nb8);
      }
      if (bias !== null) k.addRows(cAt, biasAt, mb, nb8);
      const out = cOff + i0 * N + j0;
      if (nb8 === N) c.set(f32.subarray(c0, c0 + mb * N), out);
      else if (nb < SHORT) {
        for (let i = 0; i < mb; i++) for (let j = 0; j < nb; j++) c[out + i * N + j] = f32[c0 + i * nb8 + j]!;
      } else for (let i = 0; i < mb; i++) c.set(f32.subarray(c0 + i * nb8, c0 + i * nb8 + nb), out + i * N);
    }
  }
  return true;
}
