export type { ELUOptions } from './activations/ELU';
export { ELU } from './activations/ELU';
export type { GELUOptions } from './activations/GELU';
export { GELU } from './activations/GELU';
export type { LeakyReLUOptions } from './activations/LeakyReLU';
export { LeakyReLU } from './activations/LeakyReLU';
export { Mish } from './activations/Mish';
export type { PReLUOptions } from './activations/PReLU';
export { PReLU } from './activations/PReLU';
export { ReLU } from './activations/ReLU';
export { SELU } from './activations/SELU';
export { Sigmoid } from './activations/Sigmoid';
export { SiLU } from './activations/SiLU';
export type { SoftplusOptions } from './activations/Softplus';
export { Softplus } from './activations/Softplus';
export { Tanh } from './activations/Tanh';
export type { DropoutOptions } from './Dropout';
export { Dropout } from './Dropout';
export { deserializeTensor } from './deserializeTensor';
export { isModuleLike } from './isModuleLike';
export type { LinearOptions } from './Linear';
export { Linear } from './Linear';
export type { RegisterBufferOptions } from './Module';
export { Module } from './Module';
export { ModuleDict } from './ModuleDict';
export { ModuleList } from './ModuleList';
export { Sequential } from './Sequential';
export { serializeTensor } from './serializeTensor';
export type {
  Layer,
  LoadableEntry,
  LoadableStateDict,
  LoadStateDictOptions,
  LoadStateDictResult,
  ModuleLike,
  StateDict,
  StateDictEntry,
  StateDictOptions,
} from './types';
