export type { ClassIndices, LossData, LossValueAndGrad, PlainFloat, Reduction } from './_core';
export { type BceLossOptions, bceLoss, bceLossValueAndGrad } from './bceLoss';
export {
  type BceWithLogitsLossOptions,
  bceWithLogitsLoss,
  bceWithLogitsLossValueAndGrad,
} from './bceWithLogitsLoss';
export {
  type CosineEmbeddingLossOptions,
  cosineEmbeddingLoss,
  cosineEmbeddingLossValueAndGrad,
} from './cosineEmbeddingLoss';
export {
  type CrossEntropyLossOptions,
  crossEntropyLoss,
  crossEntropyLossValueAndGrad,
} from './crossEntropyLoss';
export { type GaussianNllLossOptions, gaussianNllLoss, gaussianNllLossValueAndGrad } from './gaussianNllLoss';
export {
  type HingeEmbeddingLossOptions,
  hingeEmbeddingLoss,
  hingeEmbeddingLossValueAndGrad,
} from './hingeEmbeddingLoss';
export { type HuberLossOptions, huberLoss, huberLossValueAndGrad } from './huberLoss';
export { type KlDivLossOptions, klDivLoss, klDivLossValueAndGrad } from './klDivLoss';
export { type L1LossOptions, l1Loss, l1LossValueAndGrad } from './l1Loss';
export {
  type MarginRankingLossOptions,
  marginRankingLoss,
  marginRankingLossValueAndGrad,
} from './marginRankingLoss';
export { type MseLossOptions, mseLoss, mseLossValueAndGrad } from './mseLoss';
export {
  type MultilabelSoftMarginLossOptions,
  multilabelSoftMarginLoss,
  multilabelSoftMarginLossValueAndGrad,
} from './multilabelSoftMarginLoss';
export { type MultiMarginLossOptions, multiMarginLoss, multiMarginLossValueAndGrad } from './multiMarginLoss';
export { type NllLossOptions, nllLoss, nllLossValueAndGrad } from './nllLoss';
export { type PoissonNllLossOptions, poissonNllLoss, poissonNllLossValueAndGrad } from './poissonNllLoss';
export {
  type SigmoidFocalLossOptions,
  sigmoidFocalLoss,
  sigmoidFocalLossValueAndGrad,
} from './sigmoidFocalLoss';
export { type SmoothL1LossOptions, smoothL1Loss, smoothL1LossValueAndGrad } from './smoothL1Loss';
export {
  type SoftmaxFocalLossOptions,
  softmaxFocalLoss,
  softmaxFocalLossValueAndGrad,
} from './softmaxFocalLoss';
export {
  type TripletMarginLossOptions,
  tripletMarginLoss,
  tripletMarginLossValueAndGrad,
} from './tripletMarginLoss';
