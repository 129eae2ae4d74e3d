// The kernels of the rules beyond PyTorch 1.13 (lion, lamb, lars, schedule-free): a module of their own, which
// only their rules reference, so that bundlers leave it out of a bundle without them.
import { OPTIM_BEYOND_WASM } from './kernelsBeyondWasm';
import type { KernelModule } from './runtime';

/** @internal The module of the lion, lamb, lars and schedule-free kernels (compiled on first use). */
export const BEYOND_KERNELS: KernelModule = { bytes: OPTIM_BEYOND_WASM };
