export type { ClassIndices, LossData, LossValueAndGrad, PlainFloat, Reduction } from './_core';
export { type MseLossOptions, mseLoss, mseLossValueAndGrad } from './mseLoss';
export { type BceLossOptions, bceLoss, bceLossValueAndGrad } from './bceLoss';
export {
  type BceWithLogitsLossOptions,
  bceWithLogitsLoss,
  bceWithLogitsLossValueAndGrad,
} from './bceWithLogitsLoss';
export {
  type CrossEntropyLossOptions,
  crossEntropyLoss,
  crossEntropyLossValueAndGrad,
} from './crossEntropyLoss';
export { type HuberLossOptions, huberLoss, huberLossValueAndGrad } from './huberLoss';
export { type L1LossOptions, l1Loss, l1LossValueAndGrad } from './l1Loss';
export { type SmoothL1LossOptions, smoothL1Loss, smoothL1LossValueAndGrad } from './smoothL1Loss';
