import { CE_KERNELS_WASM } from './ceKernelsWasm';
import { BLOCK, SKEW } from './layout';
import { kernelModule, type ModuleRuntime, wasmForCompute } from './runtime';

/** The exports of the cross-entropy module (scripts/build-wasm.mjs). Pointers are byte offsets into `memory`. */
interface CeExports {
  memory: { readonly buffer: ArrayBuffer };
  ceLse4(x: number, mp: number, sp: number, G: number, C: number): void;
  ceBwd4(
    x: number,
    o: number,
    mp: number,
    lp: number,
    ap: number,
    bp: number,
    wp: number,
    G: number,
    C: number,
  ): void;
}

/** @internal The instantiated cross-entropy kernels and float32 / float64 views of their memory. */
export type CeRuntime = ModuleRuntime<CeExports>;

/** Rows per kernel call, at most (a multiple of four: the kernels take rows in groups of four). */
const MAX_ROWS = 2048;
// The module's memory (6 pages, never grown; byte offsets): float32 blocks X (logits) and O (gradient), the class
// weights W (at most BLOCK / 4 floats), then per-row arrays: float32 maxima MP, float64 sums SP (forward) or
// float32 logarithms of the sums LP (backward), float32 factors AP and BP.
const X = 0;
const O = BLOCK * 4 + SKEW;
const W = BLOCK * 8 + 4096;
const MP = BLOCK * 9 + 4096;
const SP = MP + MAX_ROWS * 4;
const LP = SP;
const AP = SP + MAX_ROWS * 8;
const BP = AP + MAX_ROWS * 4;

const ceModule = /* @__PURE__ */ kernelModule<CeExports>(CE_KERNELS_WASM);

/**
 * @internal The cross-entropy kernels for float32 rows of `C` classes, `n` elements in all (instantiated on first
 * use), or null when the WebAssembly kernels are off, `n` is below 64 (or the size threshold), the rows are too
 * long (more than a quarter block) or the kernels are unavailable here.
 */
export function ceRuntime(n: number, C: number): CeRuntime | null {
  if (C > BLOCK / 4 || wasmForCompute(n) === null) return null;
  return ceModule();
}

/** Rows of `C` per call: whole groups of four that fit a block (and the per-row arrays). */
function rowsPer(C: number): number {
  return Math.min(MAX_ROWS, Math.floor(BLOCK / C / 4) * 4);
}

/**
 * @internal Per row of the `N` float32 rows of `C` in `x`: `m[n]` the maximum (NaN skipped) and `s[n]` the float64
 * sum of expf(x - m) in column order — ceLseRowF32's values (src/kernels/crossEntropyF32.ts).
 */
export function wasmCeLse(
  rt: CeRuntime,
  x: Float32Array,
  N: number,
  C: number,
  m: Float64Array,
  s: Float64Array,
): void {
  const { k, f32, f64 } = rt;
  const per = rowsPer(C);
  for (let n0 = 0; n0 < N; n0 += per) {
    const rows = Math.min(per, N - n0);
    f32.set(x.subarray(n0 * C, (n0 + rows) * C), X >> 2);
    k.ceLse4(X, MP, SP, (rows + 3) >> 2, C);
    for (let r = 0; r < rows; r++) {
      m[n0 + r] = f32[(MP >> 2) + r]!;
      s[n0 + r] = f64[(SP >> 3) + r]!;
    }
  }
}

/**
 * @internal The gradient rows `o[n, c] = fl(a[n] expf(fl(x[n, c] - m[n]) - ls[n])) - fl(b[n] w[c])` (float32 `m`,
 * `ls`, `a`, `b` per row, `w` per class) — ceBwdRowF32's values.
 */
export function wasmCeBwd(
  rt: CeRuntime,
  x: Float32Array,
  o: Float32Array,
  N: number,
  C: number,
  m: Float32Array,
  ls: Float32Array,
  a: Float32Array,
  b: Float32Array,
  w: Float32Array,
): void {
  const { k, f32 } = rt;
  const per = rowsPer(C);
  f32.set(w.subarray(0, C), W >> 2);
  for (let n0 = 0; n0 < N; n0 += per) {
    const rows = Math.min(per, N - n0);
    f32.set(x.subarray(n0 * C, (n0 + rows) * C), X >> 2);
    f32.set(m.subarray(n0, n0 + rows), MP >> 2);
    f32.set(ls.subarray(n0, n0 + rows), LP >> 2);
    f32.set(a.subarray(n0, n0 + rows), AP >> 2);
    f32.set(b.subarray(n0, n0 + rows), BP >> 2);
    k.ceBwd4(X, O, MP, LP, AP, BP, W, (rows + 3) >> 2, C);
    o.set(f32.subarray(O >> 2, (O >> 2) + rows * C), n0 * C);
  }
}
