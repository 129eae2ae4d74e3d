export * from './analyzeCriticalPoint';
export * from './constantPredictorLoss';
export * from './createEarlyStopping';
export * from './diagnoseCurves';
export * from './divergenceGuard';
export * from './earlyStopping';
export * from './featureShift';
export * from './finiteDifferenceHvp';
export * from './gradientHealth';
export * from './gradientNoiseScale';
export * from './ksTwoSample';
export * from './lanczos';
export {
  type LrRangeTest,
  type LrRangeTestOptions,
  type LrRangeTestState,
  lrRangeTest,
} from './lrRangeTest';
export * from './plateauDetector';
export * from './populationStabilityIndex';
export * from './remedies';
export {
  type AsyncLrRangeTestStep,
  type LrRangeTestHooks,
  type LrRangeTestReport,
  type LrRangeTestStep,
  type RunLrRangeTestOptions,
  runLrRangeTest,
} from './runLrRangeTest';
export {
  type LrCurve,
  type LrSuggestion,
  type LrSuggestions,
  type SuggestLearningRatesOptions,
  suggestLearningRates,
} from './suggestLearningRates';
export * from './Verdict';
