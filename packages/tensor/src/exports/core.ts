// Core: the tensor record, autograd, basic creation and arithmetic.

export type { GradientsOptions } from '../autograd/engine';
export { gradients } from '../autograd/engine';
export { isGradEnabled, noGrad } from '../autograd/gradMode';
export { full } from '../creation/full';
export type { TensorOptions } from '../creation/tensor';
export { tensor } from '../creation/tensor';
export type { DType, DTypeArrayMap, TensorArray } from '../dtype';
export { grad, hvp, valueAndGrad } from '../grad';
export type { Operand } from '../kernels/binary';
export { add } from '../ops/add';
export { broadcastTo } from '../ops/broadcastTo';
export { div } from '../ops/div';
export { fullLike } from '../ops/fullLike';
export { mul } from '../ops/mul';
export { neg } from '../ops/neg';
export { reshape } from '../ops/reshape';
export { sub } from '../ops/sub';
export type { ReduceOptions } from '../ops/sum';
export { sum } from '../ops/sum';
export type { Shape } from '../shape';
export type { BackwardOptions, NestedArray } from '../tensor';
export { Tensor } from '../tensor';
export type { KernelBackend } from '../wasm/runtime';
export { getKernelBackend, setKernelBackend } from '../wasm/runtime';
