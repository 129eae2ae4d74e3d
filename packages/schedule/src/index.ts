export { constant } from './constant';
export { type ConstantFactorOptions, constantFactor } from './constantFactor';
export { type CosineAnnealingOptions, cosineAnnealing } from './cosineAnnealing';
export {
  type CosineAnnealingWarmRestartsOptions,
  cosineAnnealingWarmRestarts,
} from './cosineAnnealingWarmRestarts';
export {
  createScheduler,
  type HyperparameterSchedule,
  type OptimizerLike,
  type ScheduledValue,
  type ScheduledValues,
  type Scheduler,
  type SchedulerOptions,
  type SchedulerState,
} from './createScheduler';
export { type CyclicOptions, cyclic } from './cyclic';
export { cyclicMomentum } from './cyclicMomentum';
export { type ExponentialDecayOptions, exponentialDecay } from './exponentialDecay';
export { exponentialWarmup } from './exponentialWarmup';
export { type InverseSqrtOptions, inverseSqrt } from './inverseSqrt';
export { joinSchedules } from './joinSchedules';
export { type LinearFactorOptions, linearFactor } from './linearFactor';
export { linearWarmup } from './linearWarmup';
export { multiplySchedules } from './multiplySchedules';
export { type MultiStepDecayOptions, multiStepDecay } from './multiStepDecay';
export { type OneCycleOptions, oneCycle } from './oneCycle';
export { oneCycleMomentum } from './oneCycleMomentum';
export { type PlotSvgOptions, plotSvg } from './plotSvg';
export { type PolynomialDecayOptions, polynomialDecay } from './polynomialDecay';
export { radamWarmup } from './radamWarmup';
export {
  type ReduceOnPlateau,
  type ReduceOnPlateauOptions,
  type ReduceOnPlateauState,
  reduceOnPlateau,
} from './reduceOnPlateau';
export { sample } from './sample';
export { type StepDecayOptions, stepDecay } from './stepDecay';
export type { Schedule } from './types';
export { untunedExponentialWarmup } from './untunedExponentialWarmup';
export { untunedLinearWarmup } from './untunedLinearWarmup';
export { type WarmupCosineDecayOptions, warmupCosineDecay } from './warmupCosineDecay';
export { type WarmupStableDecayOptions, warmupStableDecay } from './warmupStableDecay';
export { type WarmupThenCosineDecayOptions, warmupThenCosineDecay } from './warmupThenCosineDecay';
