export { type AccuracyScoreOptions, accuracyScore } from './accuracyScore';
export { type BalancedAccuracyScoreOptions, balancedAccuracyScore } from './balancedAccuracyScore';
export { type BrierScoreLossOptions, brierScoreLoss } from './brierScoreLoss';
export {
  type ClassificationReportDict,
  type ClassificationReportOptions,
  type ClassificationReportRow,
  classificationReport,
} from './classificationReport';
export { type CohenKappaScoreOptions, cohenKappaScore } from './cohenKappaScore';
export { type ConfusionMatrixOptions, confusionMatrix } from './confusionMatrix';
export { f1Score } from './f1Score';
export { fbetaScore } from './fbetaScore';
export { type HammingLossOptions, hammingLoss } from './hammingLoss';
export { type JaccardScoreOptions, jaccardScore } from './jaccardScore';
export { type LogLossOptions, logLoss } from './logLoss';
export { type MatthewsCorrcoefOptions, matthewsCorrcoef } from './matthewsCorrcoef';
export {
  type Average,
  type FbetaOptions,
  type PrecisionRecallFscoreSupport,
  type PrecisionRecallOptions,
  precisionRecallFscoreSupport,
  type ZeroDivision,
} from './precisionRecallFscoreSupport';
export { precisionScore } from './precisionScore';
export { recallScore } from './recallScore';
export { type TopKAccuracyScoreOptions, topKAccuracyScore } from './topKAccuracyScore';
export type { Label, Labels, Matrix, TensorDataLike, Values } from './types';
