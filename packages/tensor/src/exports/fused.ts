// Re-exports only. Fused ops (one kernel where the composed ops would make several passes); owned by the kernels
// area (issue 15).

export type { BatchNormOptions } from '../ops/batchNorm';
export { batchNorm } from '../ops/batchNorm';
export type { LayerNormOptions } from '../ops/layerNorm';
export { layerNorm } from '../ops/layerNorm';
export { linear } from '../ops/linear';
export type { SoftmaxCrossEntropyOptions } from '../ops/softmaxCrossEntropy';
export { softmaxCrossEntropy } from '../ops/softmaxCrossEntropy';
