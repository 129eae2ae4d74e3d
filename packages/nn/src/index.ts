export { deserializeTensor } from './deserializeTensor';
export { isModuleLike } from './isModuleLike';
export type { RegisterBufferOptions } from './Module';
export { Module } from './Module';
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
