import type { MapKernel } from './blocks';
import { POINTWISE_KERNELS_WASM } from './pointwiseKernelsWasm';
import { kernelModule, type ModuleRuntime, wasmFor, wasmForCompute } from './runtime';
import { UNARY_KERNELS_WASM } from './unaryKernelsWasm';

/** @internal A one-input kernel of the long-tail module (scripts/wasm-unary.mjs), with three float32 parameters. */
export type UnaryForward = 'log' | 'log1p' | 'expm1' | 'elu' | 'softplus' | 'logSigmoid' | 'leakyRelu';
/** @internal A kernel of the pointwise module (one or two instructions a lane; `clip` takes min p and max q). */
export type PointwiseKernel = 'sqrt' | 'rsqrt' | 'abs' | 'square' | 'reciprocal' | 'sign' | 'clip';
/** @internal A two-input (gradient, saved input) backward kernel of the module. */
export type UnaryBackward = 'eluBwd' | 'softplusBwd' | 'logSigmoidBwd' | 'leakyReluBwd';

/**
 * The exports of the modules: map kernels over the blocks of src/wasm/blocks.ts (7 pages, never grown: float32
 * blocks X, Y, O, room after O for the three elements past n that the last group of four writes, and the constant
 * table in the last 8 KB).
 */
type UnaryExports = { memory: { readonly buffer: ArrayBuffer } } & Record<
  UnaryForward | UnaryBackward | PointwiseKernel,
  MapKernel
>;

/** @internal The instantiated long-tail (or pointwise) kernels and views of their memory. */
export type UnaryRuntime = ModuleRuntime<UnaryExports>;

const unaryModule = /* @__PURE__ */ kernelModule<UnaryExports>(UNARY_KERNELS_WASM);
const pointwiseModule = /* @__PURE__ */ kernelModule<UnaryExports>(POINTWISE_KERNELS_WASM);

/**
 * @internal The long-tail kernels for float32 work of `n` elements (instantiated on first use), or null when the
 * WebAssembly kernels are off, `n` is below 64 (or the size threshold) or they are unavailable here (the caller runs
 * the JavaScript emulation, which gives the same values).
 */
export function unaryRuntime(n: number): UnaryRuntime | null {
  return wasmForCompute(n) === null ? null : unaryModule();
}

/**
 * @internal The pointwise kernels (a module of about 1 KB) for float32 work of `n` elements, or null below the size
 * threshold (these ops are memory-bound: the default threshold of 2048 elements, not 64) or when unavailable.
 */
export function pointwiseRuntime(n: number): UnaryRuntime | null {
  return wasmFor(n) === null ? null : pointwiseModule();
}
