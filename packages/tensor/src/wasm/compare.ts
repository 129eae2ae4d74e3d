import { COMPARE_KERNELS_WASM } from './compareKernelsWasm';
import { BLOCK, SKEW } from './layout';
import { kernelModule, wasmFor } from './runtime';
import { WHERE_KERNELS_WASM } from './whereKernelsWasm';

/** @internal A two-operand kernel of the comparison module (scripts/wasm-compare.mjs). */
export type CompareKernel = 'max' | 'min' | 'gt' | 'ge' | 'lt' | 'le' | 'eq' | 'ne' | 'shareLt' | 'shareGt';

type Kernel2 = (x: number, xs: number, y: number, ys: number, o: number, n: number) => void;
type Kernel3 = (
  c: number,
  cs: number,
  x: number,
  xs: number,
  y: number,
  ys: number,
  o: number,
  n: number,
) => void;
/** The exports of the module. Pointers are byte offsets into `memory`. */
type CompareExports = { memory: { readonly buffer: ArrayBuffer } } & Record<CompareKernel, Kernel2>;
/** The exports of where's module. */
type WhereExports = { memory: { readonly buffer: ArrayBuffer }; whereF: Kernel3; whereI: Kernel3 };

// The modules' memory (9 pages, never grown; byte offsets): float32 blocks X, Y, O and C (where's condition), and
// room after C for the three values past n that the last group of four reads.
const X = 0;
const Y = BLOCK * 4;
const O = BLOCK * 8 + SKEW;
const C = BLOCK * 12 + 4096;

const compareModule = /* @__PURE__ */ kernelModule<CompareExports>(COMPARE_KERNELS_WASM);
const whereModule = /* @__PURE__ */ kernelModule<WhereExports>(WHERE_KERNELS_WASM);

/**
 * Streams one operand into its block: the block of `src` from `i` (stride 1), or, for a one-element operand
 * (stride 0), its value in the four lanes of the block's start, written once before the first block.
 */
function load(
  view: Float32Array | Int32Array,
  at: number,
  src: Float32Array | Int32Array,
  stride: number,
  i: number,
  m: number,
): void {
  if (stride !== 0) view.set(src.subarray(i, i + m), at >> 2);
  else if (i === 0) view.fill(src[0]!, at >> 2, (at >> 2) + 4);
}

/**
 * @internal `out[i] = kind(x[i xs], y[i ys])` in float32 for strides 1 (a full operand) or 0 (one element), the
 * JavaScript loop's values bit for bit (src/ops/maximum.ts and the others). False (nothing written) when the
 * WebAssembly kernels are off, unavailable, or below the size threshold for `out.length` values (memory-bound work).
 */
export function wasmCompare(
  kind: CompareKernel,
  x: Float32Array,
  xs: number,
  y: Float32Array,
  ys: number,
  out: Float32Array,
): boolean {
  const n = out.length;
  const rt = wasmFor(n) === null ? null : compareModule();
  if (rt === null) return false;
  const { f32 } = rt;
  const kernel = rt.k[kind];
  for (let i = 0; i < n; i += BLOCK) {
    const m = Math.min(BLOCK, n - i);
    load(f32, X, x, xs, i, m);
    load(f32, Y, y, ys, i, m);
    kernel(X, xs * 16, Y, ys * 16, O, m);
    out.set(f32.subarray(O >> 2, (O >> 2) + m), i);
  }
  return true;
}

/**
 * @internal `out[i] = c[i cs] !== 0 ? a[i as] : b[i bs]` for a float32 or int32 condition and float32 values (strides
 * 1 or 0), the JavaScript loop's values bit for bit (NaN counts as true, ±0 as false). False when not taken (see
 * {@link wasmCompare}).
 */
export function wasmWhere(
  c: Float32Array | Int32Array,
  cs: number,
  a: Float32Array,
  as: number,
  b: Float32Array,
  bs: number,
  out: Float32Array,
): boolean {
  const n = out.length;
  const rt = wasmFor(n) === null ? null : whereModule();
  if (rt === null) return false;
  const { f32, i32 } = rt;
  const float = c instanceof Float32Array;
  const kernel = float ? rt.k.whereF : rt.k.whereI;
  for (let i = 0; i < n; i += BLOCK) {
    const m = Math.min(BLOCK, n - i);
    load(float ? f32 : i32, C, c, cs, i, m);
    load(f32, X, a, as, i, m);
    load(f32, Y, b, bs, i, m);
    kernel(C, cs * 16, X, as * 16, Y, bs * 16, O, m);
    out.set(f32.subarray(O >> 2, (O >> 2) + m), i);
  }
  return true;
}
