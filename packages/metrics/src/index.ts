export { type AccuracyScoreOptions, accuracyScore } from './accuracyScore';
export { auc } from './auc';
export { type AveragePrecisionScoreOptions, averagePrecisionScore } from './averagePrecisionScore';
export { type BalancedAccuracyScoreOptions, balancedAccuracyScore } from './balancedAccuracyScore';
export { type BrierScoreLossOptions, brierScoreLoss } from './brierScoreLoss';
export { type CalibrationCurve, type CalibrationCurveOptions, calibrationCurve } from './calibrationCurve';
export {
  type ClassificationReportDict,
  type ClassificationReportOptions,
  type ClassificationReportRow,
  classificationReport,
} from './classificationReport';
export { type CohenKappaScoreOptions, cohenKappaScore } from './cohenKappaScore';
export { type ConfusionMatrixOptions, confusionMatrix } from './confusionMatrix';
export { type ConfusionMatrixSvgOptions, confusionMatrixSvg } from './confusionMatrixSvg';
export { d2AbsoluteErrorScore } from './d2AbsoluteErrorScore';
export { d2PinballScore } from './d2PinballScore';
export { type DetCurve, type DetCurveOptions, detCurve } from './detCurve';
export { type ExpectedCalibrationErrorOptions, expectedCalibrationError } from './expectedCalibrationError';
export { explainedVarianceScore } from './explainedVarianceScore';
export { f1Score } from './f1Score';
export { fbetaScore } from './fbetaScore';
export { type HammingLossOptions, hammingLoss } from './hammingLoss';
export { type JaccardScoreOptions, jaccardScore } from './jaccardScore';
export { type LogLossOptions, logLoss } from './logLoss';
export { type MatthewsCorrcoefOptions, matthewsCorrcoef } from './matthewsCorrcoef';
export { maxError } from './maxError';
export { meanAbsoluteError } from './meanAbsoluteError';
export { meanAbsolutePercentageError } from './meanAbsolutePercentageError';
export { meanPinballLoss, type PinballOptions } from './meanPinballLoss';
export { type MeanSquaredErrorOptions, meanSquaredError } from './meanSquaredError';
export { meanSquaredLogError } from './meanSquaredLogError';
export { medianAbsoluteError } from './medianAbsoluteError';
export {
  type PrecisionRecallCurve,
  type PrecisionRecallCurveOptions,
  precisionRecallCurve,
} from './precisionRecallCurve';
export { precisionRecallCurveSvg } from './precisionRecallCurveSvg';
export {
  type Average,
  type FbetaOptions,
  type PrecisionRecallFscoreSupport,
  type PrecisionRecallFscoreSupportOptions,
  type PrecisionRecallOptions,
  precisionRecallFscoreSupport,
  type ZeroDivision,
} from './precisionRecallFscoreSupport';
export { precisionScore } from './precisionScore';
export type { MultiOutput, RegressionOptions } from './RegressionOptions';
export { type R2ScoreOptions, r2Score } from './r2Score';
export { recallScore } from './recallScore';
export { reliabilityDiagramSvg } from './reliabilityDiagramSvg';
export { type RocAucScoreOptions, rocAucScore } from './rocAucScore';
export { type RocCurve, type RocCurveOptions, rocCurve } from './rocCurve';
export { type CurveSvgOptions, rocCurveSvg } from './rocCurveSvg';
export { rootMeanSquaredError } from './rootMeanSquaredError';
export type { StreamingMetric } from './StreamingMetric';
export { type AccuracyState, streamingAccuracy } from './streamingAccuracy';
export { type StreamingAveragePrecisionResult, streamingAveragePrecision } from './streamingAveragePrecision';
export {
  type ConfusionMatrixResult,
  type ConfusionMatrixState,
  type StreamingConfusionMatrixOptions,
  streamingConfusionMatrix,
} from './streamingConfusionMatrix';
export { type MeanState, streamingMean } from './streamingMean';
export {
  type StreamingPrecisionRecallFscoreOptions,
  streamingPrecisionRecallFscore,
} from './streamingPrecisionRecallFscore';
export { type RegressionResult, type RegressionState, streamingRegression } from './streamingRegression';
export {
  type BinnedRankingState,
  type StreamingBinnedOptions,
  type StreamingRocAucResult,
  streamingRocAuc,
} from './streamingRocAuc';
export { type TopKAccuracyScoreOptions, topKAccuracyScore } from './topKAccuracyScore';
export type { Label, Labels, Matrix, TensorDataLike, Values } from './types';
