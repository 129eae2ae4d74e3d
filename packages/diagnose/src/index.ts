export {
  type AnalyzeCriticalPointOptions,
  analyzeCriticalPoint,
  type CriticalPointAnalysis,
  type CriticalPointKind,
  type EscapeRoute,
  type EscapeStep,
} from './analyzeCriticalPoint';
export {
  type ClassifierTwoSampleTestOptions,
  type ClassifierTwoSampleTestResult,
  classifierTwoSampleTest,
} from './classifierTwoSampleTest';
export { constantPredictorLoss } from './constantPredictorLoss';
export {
  createEarlyStopping,
  type EarlyStoppingDriver,
  type EarlyStoppingHooks,
} from './createEarlyStopping';
export {
  type Curves,
  type DiagnoseCurvesOptions,
  type Diagnosis,
  type DiagnosisEvidence,
  diagnoseCurves,
  type NonFiniteLoss,
} from './diagnoseCurves';
export {
  type DivergenceGuard,
  type DivergenceGuardOptions,
  type DivergenceGuardState,
  divergenceGuard,
} from './divergenceGuard';
export {
  type EarlyStopping,
  type EarlyStoppingOptions,
  type EarlyStoppingState,
  earlyStopping,
} from './earlyStopping';
export { type EpsilonSharpness, type EpsilonSharpnessOptions, epsilonSharpness } from './epsilonSharpness';
export {
  type DenseMatrix,
  type FeatureMatrix,
  type FeatureShiftOptions,
  type FeatureShiftReport,
  type FeatureShiftResult,
  featureShift,
} from './featureShift';
export {
  type FilterNormalizedDirectionOptions,
  filterNormalizedDirection,
} from './filterNormalizedDirection';
export {
  type FiniteDifferenceHvpOptions,
  finiteDifferenceHvp,
  type GradientFunction,
} from './finiteDifferenceHvp';
export {
  type ActivationBatch,
  type GradientGroup,
  type GradientHealthOptions,
  type GradientIssue,
  type GroupHealth,
  gradientHealth,
} from './gradientHealth';
export {
  type GradientNoiseScale,
  type GradientNormsAtTwoBatchSizes,
  gradientNoiseScale,
} from './gradientNoiseScale';
export { type HutchinsonTraceOptions, hutchinsonTrace, type TraceEstimate } from './hutchinsonTrace';
export {
  type HutchPlusPlusEstimate,
  type HutchPlusPlusTraceOptions,
  hutchPlusPlusTrace,
} from './hutchPlusPlusTrace';
export { type KsResult, ksTwoSample } from './ksTwoSample';
export {
  type LanczosOptions,
  type LanczosResult,
  lanczos,
  type RitzPair,
  type SymmetricOperator,
} from './lanczos';
export { type LossLandscape, type LossLandscapeOptions, lossLandscape } from './lossLandscape';
export {
  type LrRangeTest,
  type LrRangeTestOptions,
  type LrRangeTestState,
  lrRangeTest,
} from './lrRangeTest';
export {
  type PlateauDetector,
  type PlateauDetectorOptions,
  type PlateauDetectorState,
  plateauDetector,
} from './plateauDetector';
export { type PopulationStabilityIndexOptions, populationStabilityIndex } from './populationStabilityIndex';
export {
  type PowerIterationOptions,
  type PowerIterationResult,
  type PowerIterationTarget,
  powerIteration,
} from './powerIteration';
export { REMEDIES } from './remedies';
export {
  type AsyncLrRangeTestStep,
  type LrRangeTestHooks,
  type LrRangeTestReport,
  type LrRangeTestStep,
  type RunLrRangeTestOptions,
  runLrRangeTest,
} from './runLrRangeTest';
export {
  type QuadratureNodes,
  type SpectralDensity,
  type SpectralDensityOptions,
  spectralDensity,
} from './spectralDensity';
export {
  type LrCurve,
  type LrSuggestion,
  type LrSuggestions,
  type SuggestLearningRatesOptions,
  suggestLearningRates,
} from './suggestLearningRates';
export type { Verdict } from './Verdict';
