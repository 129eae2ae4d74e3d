export { type AdadeltaOptions, adadelta } from './adadelta';
export { type AdafactorOptions, adafactor } from './adafactor';
export { type AdagradOptions, adagrad } from './adagrad';
export { type AdamOptions, adam } from './adam';
export { type AdamaxOptions, adamax } from './adamax';
export { type AdamwOptions, adamw } from './adamw';
export {
  type AddDecayedWeightsOptions,
  type AddDecayedWeightsState,
  addDecayedWeights,
} from './addDecayedWeights';
export { type AddL1PenaltyOptions, type AddL1PenaltyState, addL1Penalty } from './addL1Penalty';
export { type ApplyIfFiniteOptions, type ApplyIfFiniteState, applyIfFinite } from './applyIfFinite';
export { applyUpdates } from './applyUpdates';
export { type AverageParamsOptions, type AverageParamsState, averageParams } from './averageParams';
export { chain } from './chain';
export { type ClipByGlobalNormState, clipByGlobalNorm } from './clipByGlobalNorm';
export { type ClipByValueState, clipByValue } from './clipByValue';
export { createKernelMemory, type KernelMemory } from './createKernelMemory';
export {
  type CreateOptimizerOptions,
  createOptimizer,
  type Optimizer,
  type OptimizerParam,
  type OptimizerStateDict,
  type ParamGroup,
  type ParamGroupInput,
  type SavedGroupState,
  type SavedParamGroup,
  type ZeroGradOptions,
} from './createOptimizer';
export { gradientsOf } from './gradientsOf';
export { type InjectHyperparamsState, injectHyperparams } from './injectHyperparams';
export { type LambOptions, lamb } from './lamb';
export { type LarsOptions, lars } from './lars';
export { type LionOptions, lion } from './lion';
export { type LookaheadOptions, type LookaheadState, lookahead } from './lookahead';
export { type MaskedState, masked } from './masked';
export { type MultiStepsOptions, type MultiStepsState, multiSteps } from './multiSteps';
export { multiTransform } from './multiTransform';
export { type MuonOptions, muon } from './muon';
export type { NamedOptimizer } from './NamedOptimizer';
export { type NadamOptions, nadam } from './nadam';
export type { OptimizerState } from './OptimizerState';
export { type RadamOptions, radam } from './radam';
export { type RmspropOptions, rmsprop } from './rmsprop';
export { type SamGradientsOptions, samGradients } from './samGradients';
export { type ScaleByAdamOptions, type ScaleByAdamState, scaleByAdam } from './scaleByAdam';
export { type ScaleByLearningRateState, scaleByLearningRate } from './scaleByLearningRate';
export { type ScaleByRmsOptions, type ScaleByRmsState, scaleByRms } from './scaleByRms';
export { type ScaleByRssOptions, type ScaleByRssState, scaleByRss } from './scaleByRss';
export { type ScheduleFreeAdamwOptions, scheduleFreeAdamw } from './scheduleFreeAdamw';
export { scheduleFreeEvalParams } from './scheduleFreeEvalParams';
export { type ScheduleFreeSgdOptions, scheduleFreeSgd } from './scheduleFreeSgd';
export { type SgdOptions, sgd } from './sgd';
export { stateFromJSON } from './stateFromJSON';
export { stateToJSON } from './stateToJSON';
export { type TraceOptions, type TraceState, trace } from './trace';
export type {
  Float64Data,
  FloatArray,
  GradientTransformation,
  GradTree,
  Hyperparameter,
  Labels,
  Mask,
  ParamLeaf,
  ParamTree,
  Schedule,
  Tree,
  UpdateTree,
} from './types';
