import { logSumF32 } from '../kernels/expF32x4';
import { BLOCK, MAX_ROWS, SKEW } from './layout';
import { kernelModule, type ModuleRuntime, wasmForCompute } from './runtime';
import { SOFTMAX_KERNELS_WASM } from './softmaxKernelsWasm';

/** The exports of the softmax module (scripts/build-wasm.mjs). Pointers are byte offsets into `memory`. */
interface SoftmaxExports {
  memory: { readonly buffer: ArrayBuffer };
  softmaxF32(x: number, o: number, m: number, R: number, C: number): void;
  lseF32(x: number, o: number, m: number, s: number, R: number, C: number): void;
  logSoftmaxSubF32(x: number, o: number, m: number, l: number, R: number, C: number): void;
  softmaxBwdF32(g: number, y: number, o: number, R: number, C: number): void;
  logSoftmaxBwdF32(g: number, y: number, o: number, R: number, C: number): void;
}

/** @internal The instantiated softmax kernels and a float32 view of their memory. */
export type SoftmaxRuntime = ModuleRuntime<SoftmaxExports>;

// The module's memory (7 pages, never grown; byte offsets): float32 blocks X, Y, O, a gap for the up to three
// values the kernels write past a block's last row, then float32 row maxima M and sums S (MAX_ROWS each).
const X = 0;
const Y = BLOCK * 4;
const O = BLOCK * 8 + SKEW;
const M = BLOCK * 12 + 4096 + 64;
const S = M + MAX_ROWS * 4;

const softmaxModule = /* @__PURE__ */ kernelModule<SoftmaxExports>(SOFTMAX_KERNELS_WASM);

/**
 * @internal The softmax kernels for float32 work of `n` elements (instantiated on first use), or null when the
 * WebAssembly kernels are off, `n` is below 64 (or the size threshold) or they are unavailable here.
 */
export function softmaxRuntime(n: number): SoftmaxRuntime | null {
  if (wasmForCompute(n) === null) return null;
  return softmaxModule();
}

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
  rt: SoftmaxRuntime,
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
      k.lseF32(X, O, M, S, rows, C);
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

/**
 * @internal Softmax (`log` false) or log-softmax backward of `outer` contiguous float32 rows of `C` <= BLOCK
 * elements: the gradient `g` and the forward output `y` into `dx`, with exactly the arithmetic of
 * softmaxBackwardRowF32 / logSoftmaxBackwardRowF32 (src/kernels/expF32x4.ts), whole rows per block.
 */
export function wasmSoftmaxBackwardRows(
  rt: SoftmaxRuntime,
  g: Float32Array,
  y: Float32Array,
  dx: Float32Array,
  outer: number,
  C: number,
  log: boolean,
): void {
  const { k, f32 } = rt;
  const per = Math.floor(BLOCK / C);
  const kernel = log ? k.logSoftmaxBwdF32 : k.softmaxBwdF32;
  for (let o = 0; o < outer; o += per) {
    const rows = Math.min(per, outer - o);
    f32.set(g.subarray(o * C, (o + rows) * C), X >> 2);
    f32.set(y.subarray(o * C, (o + rows) * C), Y >> 2);
    kernel(X, Y, O, rows, C);
    dx.set(f32.subarray(O >> 2, (O >> 2) + rows * C), o * C);
  }
}
