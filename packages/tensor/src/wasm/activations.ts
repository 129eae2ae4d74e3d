import { ACT_KERNELS_WASM } from './actKernelsWasm';
import type { MapKernel } from './blocks';
import { kernelModule, type ModuleRuntime, wasmForCompute } from './runtime';

/** @internal A one-input activation kernel of the module (scripts/wasm-activations.mjs). */
export type ActForward = 'tanh' | 'silu' | 'geluTanh' | 'gelu';
/** @internal A two-input (gradient, saved tensor) backward kernel of the module. */
export type ActBackward = 'tanhBwd' | 'siluBwd' | 'geluTanhBwd' | 'geluBwd';

/**
 * The exports of the activation module: map kernels over the blocks of src/wasm/blocks.ts (7 pages, never grown:
 * float32 blocks X, Y, O, room after O for the three elements past n that the last group of four writes, and the
 * constant table in the last 8 KB).
 */
type ActExports = { memory: { readonly buffer: ArrayBuffer } } & Record<ActForward | ActBackward, MapKernel>;

const actModule = /* @__PURE__ */ kernelModule<ActExports>(ACT_KERNELS_WASM);

/**
 * @internal The activation kernels for float32 work of `n` elements (instantiated on first use), or null when the
 * WebAssembly kernels are off, `n` is below 64 (or the size threshold) or they are unavailable here (the caller runs the JavaScript
 * emulation, which gives the same values).
 */
export function actRuntime(n: number): ModuleRuntime<ActExports> | null {
  return wasmForCompute(n) === null ? null : actModule();
}
