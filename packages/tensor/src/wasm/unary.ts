import { BLOCK } from './layout';
import { POINTWISE_KERNELS_WASM_BASE64 } from './pointwiseKernelsWasm';
import { instantiateKernels, wasmFor, wasmForCompute } from './runtime';
import { UNARY_KERNELS_WASM_BASE64 } from './unaryKernelsWasm';

/** @internal A one-input kernel of the long-tail module (scripts/wasm-unary.mjs), with three float32 parameters. */
export type UnaryForward = 'log' | 'log1p' | 'expm1' | 'elu' | 'softplus' | 'logSigmoid' | 'leakyRelu';
/** @internal A kernel of the pointwise module (one or two instructions a lane; `clip` takes min p and max q). */
export type PointwiseKernel = 'sqrt' | 'rsqrt' | 'abs' | 'square' | 'reciprocal' | 'sign' | 'clip';
/** @internal A two-input (gradient, saved input) backward kernel of the module. */
export type UnaryBackward = 'eluBwd' | 'softplusBwd' | 'logSigmoidBwd' | 'leakyReluBwd';

/** The exports of the module. Pointers are byte offsets into `memory`. */
type UnaryExports = { memory: { readonly buffer: ArrayBuffer } } & Record<
  UnaryForward | PointwiseKernel,
  (x: number, o: number, n: number, p: number, q: number, s: number) => void
> &
  Record<
    UnaryBackward,
    (g: number, x: number, o: number, n: number, p: number, q: number, s: number) => void
  >;

/** @internal The instantiated long-tail kernels and a float32 view of their memory. */
export interface UnaryRuntime {
  k: UnaryExports;
  f32: Float32Array;
}

// The module's memory (7 pages, never grown; byte offsets): float32 blocks X, Y, O, room after O for the three
// elements past n that the last group of four writes, and the constant table in the last 8 KB.
const X = 0;
const Y = BLOCK * 4;
const O = BLOCK * 8;

let runtime: UnaryRuntime | null | undefined;
let pointwise: UnaryRuntime | null | undefined;

function ready(exports: unknown): UnaryRuntime {
  const k = exports as UnaryExports;
  return { k, f32: new Float32Array(k.memory.buffer) };
}

/**
 * @internal The long-tail kernels for float32 work of `n` elements (instantiated on first use), or null when the
 * WebAssembly kernels are off, `n` is below 64 (or the size threshold) or they are unavailable here (the caller runs
 * the JavaScript emulation, which gives the same values).
 */
export function unaryRuntime(n: number): UnaryRuntime | null {
  if (wasmForCompute(n) === null) return null;
  if (runtime === undefined) {
    const exports = instantiateKernels(UNARY_KERNELS_WASM_BASE64, (e) => {
      if (runtime === null) runtime = ready(e);
    });
    runtime = exports === null ? null : ready(exports);
  }
  return runtime;
}

/**
 * @internal The pointwise kernels (a module of about 1 KB) for float32 work of `n` elements, or null below the size
 * threshold (these ops are memory-bound: the default threshold of 2048 elements, not 64) or when unavailable.
 */
export function pointwiseRuntime(n: number): UnaryRuntime | null {
  if (wasmFor(n) === null) return null;
  if (pointwise === undefined) {
    const exports = instantiateKernels(POINTWISE_KERNELS_WASM_BASE64, (e) => {
      if (pointwise === null) pointwise = ready(e);
    });
    pointwise = exports === null ? null : ready(exports);
  }
  return pointwise;
}

/** @internal `out[i] = name(x[i]; p, q, s)` over the whole of `out`, streamed through kernel memory block by block. */
export function unaryForward(
  rt: UnaryRuntime,
  name: UnaryForward | PointwiseKernel,
  x: Float32Array,
  out: Float32Array,
  p: number,
  q: number,
  s: number,
): void {
  const { f32 } = rt;
  const kernel = rt.k[name];
  const n = out.length;
  for (let i = 0; i < n; i += BLOCK) {
    const m = Math.min(BLOCK, n - i);
    f32.set(x.subarray(i, i + m), X >> 2);
    kernel(X, O, m, p, q, s);
    out.set(f32.subarray(O >> 2, (O >> 2) + m), i);
  }
}

/** @internal `out[i] = name(g[i], x[i]; p, q, s)` (a gradient and the saved input) over the whole of `out`. */
export function unaryBackward(
  rt: UnaryRuntime,
  name: UnaryBackward,
  g: Float32Array,
  x: Float32Array,
  out: Float32Array,
  p: number,
  q: number,
  s: number,
): void {
  const { f32 } = rt;
  const kernel = rt.k[name];
  const n = out.length;
  for (let i = 0; i < n; i += BLOCK) {
    const m = Math.min(BLOCK, n - i);
    f32.set(g.subarray(i, i + m), X >> 2);
    f32.set(x.subarray(i, i + m), Y >> 2);
    kernel(X, Y, O, m, p, q, s);
    out.set(f32.subarray(O >> 2, (O >> 2) + m), i);
  }
}
