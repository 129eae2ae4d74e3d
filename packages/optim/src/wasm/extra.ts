// The other optimizers' kernels (adagrad, rmsprop, adadelta, adamax, nadam, radam): a module of their own, which
// only their rules reference, so that bundlers leave it out of a bundle with adam or sgd alone.
import { OPTIM_EXTRA_WASM } from './kernelsExtraWasm';
import type { KernelModule } from './runtime';

/** @internal The module of the other optimizers' kernels (compiled on first use). */
export const EXTRA_KERNELS: KernelModule = { bytes: OPTIM_EXTRA_WASM };
