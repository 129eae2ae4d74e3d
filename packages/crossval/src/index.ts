export type { AuditSplitsOptions, SplitAudit, SplitsAudit } from './auditSplits';
export { auditSplits } from './auditSplits';
export type {
  CrossValidateOptions,
  CrossValidateProgress,
  CrossValidateResult,
  CrossValidateWorker,
  FoldResult,
  ScoreKeys,
  ScoreRecord,
  WorkerFoldResult,
  WorkerFoldTask,
} from './crossValidate';
export { crossValidate } from './crossValidate';
export type { CrossValPredictOptions } from './crossValPredict';
export { crossValPredict } from './crossValPredict';
export type { FoldContext, Score } from './FoldContext';
export type { GroupKFoldOptions } from './groupKFold';
export { groupKFold } from './groupKFold';
export { groupShuffleSplit } from './groupShuffleSplit';
export type { KFoldOptions } from './kFold';
export { kFold } from './kFold';
export type { LearningCurveOptions, LearningCurveResult } from './learningCurve';
export { learningCurve } from './learningCurve';
export { leaveOneGroupOut } from './leaveOneGroupOut';
export { leaveOneOut } from './leaveOneOut';
export type { LeavePOutOptions } from './leavePOut';
export { leavePOut } from './leavePOut';
export type { PredefinedSplitOptions } from './predefinedSplit';
export { predefinedSplit } from './predefinedSplit';
export type { RandomStateLike, RandomStateState } from './RandomState';
export { RandomState } from './RandomState';
export type { RepeatedKFoldOptions } from './repeatedKFold';
export { repeatedKFold } from './repeatedKFold';
export type { RepeatedStratifiedKFoldOptions } from './repeatedStratifiedKFold';
export { repeatedStratifiedKFold } from './repeatedStratifiedKFold';
export type { Label, ShapeLike, Split, SplitData, Splitter, WarningHandler } from './Splitter';
export type { MiniBatch, ShuffledBatchesOptions } from './shuffledBatches';
export { shuffledBatches } from './shuffledBatches';
export type { ShuffleSplitOptions } from './shuffleSplit';
export { shuffleSplit } from './shuffleSplit';
export type { SplitsToSvgOptions } from './splitsToSvg';
export { splitsToSvg } from './splitsToSvg';
export type { StratifiedGroupKFoldOptions } from './stratifiedGroupKFold';
export { stratifiedGroupKFold } from './stratifiedGroupKFold';
export type { StratifiedKFoldOptions } from './stratifiedKFold';
export { stratifiedKFold } from './stratifiedKFold';
export { stratifiedShuffleSplit } from './stratifiedShuffleSplit';
export type { TimeSeriesSplitOptions } from './timeSeriesSplit';
export { timeSeriesSplit } from './timeSeriesSplit';
export type { TrainTestSplitOptions } from './trainTestSplit';
export { trainTestSplit } from './trainTestSplit';
export type { TrainValTestSplit, TrainValTestSplitOptions } from './trainValTestSplit';
export { trainValTestSplit } from './trainValTestSplit';
export type { TranslateTrainSizesOptions } from './translateTrainSizes';
export { translateTrainSizes } from './translateTrainSizes';
