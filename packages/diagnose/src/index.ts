export * from './analyzeCriticalPoint';
export {
  type ClassifierTwoSampleTestOptions,
  type ClassifierTwoSampleTestResult,
  classifierTwoSampleTest,
} from './classifierTwoSampleTest';
export * from './constantPredictorLoss';
export * from './createEarlyStopping';
export * from './diagnoseCurves';
export * from './divergenceGuard';
export * from './earlyStopping';
export * from './epsilonSharpness';
export * from './featureShift';
export * from './filterNormalizedDirection';
export * from './finiteDifferenceHvp';
export * from './gradientHealth';
export * from './gradientNoiseScale';
export * from './hutchinsonTrace';
export * from './hutchPlusPlusTrace';
export * from './ksTwoSample';
export * from './lanczos';
export * from './lossLandscape';
export {
  type LrRangeTest,
  type LrRangeTestOptions,
  type LrRangeTestState,
  lrRangeTest,
} from './lrRangeTest';
export * from './plateauDetector';
export * from './populationStabilityIndex';
export * from './powerIteration';
export * from './remedies';
export {
  type AsyncLrRangeTestStep,
  type LrRangeTestHooks,
  type LrRangeTestReport,
  type LrRangeTestStep,
  type RunLrRangeTestOptions,
  runLrRangeTest,
} from './runLrRangeTest';
export * from './spectralDensity';
export {
  type LrCurve,
  type LrSuggestion,
  type LrSuggestions,
  type SuggestLearningRatesOptions,
  suggestLearningRates,
} from './suggestLearningRates';
export * from './Verdict';
