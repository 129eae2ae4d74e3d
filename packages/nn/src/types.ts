import { defineOptions } from '@dl/internal';
import type { DType, Tensor } from '@dl/tensor';

/**
 * One saved tensor of a {@link StateDict}: plain JSON, exact on a round trip.
 *
 * - `shape`: the tensor's shape, outermost first.
 * - `dtype`: the element type (`'float32'`, `'float64'` or `'int32'`).
 * - `data`: the elements in row-major order, either
 *   - an array of numbers (the `'array'` encoding). Every float32 value is a double exactly, and JSON writes
 *     doubles exactly, so the round trip is bit-exact. The values JSON cannot hold are written as the strings
 *     `'NaN'`, `'Infinity'`, `'-Infinity'` and `'-0'`;
 *   - or a base64 string of the little-endian bytes (the `'base64'` encoding, about 2.5× smaller).
 */
export interface StateDictEntry {
  /** The tensor's shape, outermost first. */
  shape: number[];
  /** The element type. */
  dtype: DType;
  /** Row-major elements: numbers (non-finite values and `-0` as strings) or a base64 string of little-endian bytes. */
  data: (number | string)[] | string;
}

/**
 * A module's state: every parameter and persistent buffer by its dotted PyTorch name (`'0.weight'`,
 * `'encoder.fc1.bias'`). A plain object: `JSON.stringify` it to save, `JSON.parse` it to load.
 */
export type StateDict = Record<string, StateDictEntry>;

/**
 * Anything {@link Module.loadStateDict} accepts for one key: a {@link StateDictEntry}, a `Tensor`, or any record
 * with a `shape` and row-major `data` (for example the interchange contract's `TensorData`). `dtype` is required
 * only when `data` is a base64 string.
 */
export interface LoadableEntry {
  /** The saved tensor's shape. */
  readonly shape: readonly number[];
  /** The saved element type; needed to decode base64 data, otherwise informative. */
  readonly dtype?: DType;
  /** Row-major elements: numbers, a typed array, the strings of the `'array'` encoding, or a base64 string. */
  readonly data: ArrayLike<number | string> | string;
}

/** A state dict to load: {@link LoadableEntry} values by dotted name. */
export type LoadableStateDict = Readonly<Record<string, LoadableEntry>>;

/** Options of {@link Module.stateDict}. */
export interface StateDictOptions {
  /**
   * How `data` is written: `'array'` (readable numbers, portable to Python's `json`) or `'base64'` (compact
   * little-endian bytes).
   * @defaultValue 'array'
   */
  encoding?: 'array' | 'base64';
}

/** @internal The checker of {@link StateDictOptions}. */
export const stateDictOptions = /* @__PURE__ */ defineOptions<StateDictOptions>()('stateDict', {
  encoding: 'array',
});

/** Options of {@link Module.loadStateDict}. */
export interface LoadStateDictOptions {
  /**
   * Throw when the state dict lacks a key the module has, or holds a key the module lacks. Shape mismatches
   * always throw.
   * @defaultValue true
   */
  strict?: boolean;
}

/** @internal The checker of {@link LoadStateDictOptions}. */
export const loadStateDictOptions = /* @__PURE__ */ defineOptions<LoadStateDictOptions>()('loadStateDict', {
  strict: true,
});

/** What {@link Module.loadStateDict} reports (like PyTorch's `_IncompatibleKeys`). */
export interface LoadStateDictResult {
  /** Keys of the module that the state dict did not hold (left unchanged). */
  missingKeys: string[];
  /** Keys of the state dict that the module does not have (ignored). */
  unexpectedKeys: string[];
}

/**
 * The module protocol: what optimizers, checkpointing and containers such as {@link Sequential} rely on.
 *
 * {@link Module} implements it; a module from another package or framework can also implement it directly
 * (structurally, without extending anything) and still be composed, trained and saved.
 */
export interface ModuleLike {
  /** Whether the module is in training mode (see {@link ModuleLike.train}). */
  training: boolean;
  /**
   * Switches training mode on (`true`) or off (`false`) for the module and all its submodules.
   * @param mode - the new mode; `true` when omitted.
   */
  train(mode?: boolean): unknown;
  /** Switches the module and its submodules to evaluation mode: `train(false)`. */
  eval(): unknown;
  /** The learnable tensors, each once, in registration order. */
  parameters(): Tensor[];
  /** The learnable tensors with their dotted names (`'0.weight'`). */
  namedParameters(): [string, Tensor][];
  /**
   * A JSON-serializable snapshot of the parameters and persistent buffers.
   * @param options - see {@link StateDictOptions}.
   */
  stateDict(options?: StateDictOptions): StateDict;
  /**
   * Copies saved values into the module's tensors in place.
   * @param stateDict - the saved state.
   * @param options - see {@link LoadStateDictOptions}.
   */
  loadStateDict(stateDict: LoadableStateDict, options?: LoadStateDictOptions): LoadStateDictResult;
}

/** A {@link ModuleLike} that maps one tensor to one tensor: what {@link Sequential} chains. */
export interface Layer extends ModuleLike {
  /**
   * Applies the layer.
   * @param x - the input.
   */
  forward(x: Tensor): Tensor;
}
