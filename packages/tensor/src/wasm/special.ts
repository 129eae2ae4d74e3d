import type { MapKernel } from './blocks';
import { kernelModule, type ModuleRuntime, wasmForCompute } from './runtime';
import { SPECIAL_KERNELS_WASM } from './specialKernelsWasm';

/** @internal A kernel of the special-function module (scripts/wasm-special.mjs). */
export type SpecialKernel = 'erf' | 'erfc' | 'erfBwd' | 'mish' | 'mishBwd';

/**
 * The exports of the module: map kernels over the blocks of src/wasm/blocks.ts (7 pages, never grown: float32
 * blocks X, Y, O, room after O for the three elements past n that the last group of four writes, and the constant
 * table in the last 8 KB).
 */
type SpecialExports = { memory: { readonly buffer: ArrayBuffer } } & Record<SpecialKernel, MapKernel>;

const specialModule = /* @__PURE__ */ kernelModule<SpecialExports>(SPECIAL_KERNELS_WASM);

/**
 * @internal The special-function kernels for float32 work of `n` elements (instantiated on first use), or null when
 * the WebAssembly kernels are off, `n` is below 64 (or the size threshold) or they are unavailable here (the caller
 * runs the JavaScript emulation, which gives the same values).
 */
export function specialRuntime(n: number): ModuleRuntime<SpecialExports> | null {
  return wasmForCompute(n) === null ? null : specialModule();
}
