import type { Float32TensorData, Tensor } from '@dl/tensor';

/**
 * A schedule: a pure function from the update count (0 for the first update) to a value — the shape of every
 * `@dl/schedule` factory, without importing it.
 */
export type Schedule = (step: number) => number;

/** A hyperparameter that may vary: a constant, or a {@link Schedule} evaluated at the update count. */
export type Hyperparameter = number | Schedule;

/** A floating-point array the optimizers update in place: float32 or float64. */
export type FloatArray = Float32Array | Float64Array;

/**
 * One parameter: an `@dl/tensor` {@link Tensor} (float32 or float64; the facade reads its `.grad`), a plain
 * `Float32Array` / `Float64Array`, or any {@link Float32TensorData} (`{ shape, data }`; a `Float64Array` `data` is
 * accepted too).
 */
export type ParamLeaf = Tensor | FloatArray | Float32TensorData | Float64Data;

/** A `{ shape, data }` record holding float64 values (the float64 counterpart of {@link Float32TensorData}). */
export interface Float64Data {
  /** The size of each dimension, outermost first. */
  readonly shape: readonly number[];
  /** $\prod \mathrm{shape}$ values in row-major order. */
  readonly data: Float64Array;
}

/** A nested structure of leaves of type `L`: a leaf, an array of trees, or a record of trees. */
export type Tree<L> = L | readonly Tree<L>[] | { readonly [key: string]: Tree<L> | undefined };

/**
 * A tree of parameters: leaves ({@link ParamLeaf}) in nested records and arrays. Leaves are visited depth first,
 * record keys in insertion order, array items in order; that order is the order of every per-leaf list in a state.
 */
export type ParamTree = Tree<ParamLeaf>;

/** A tree of gradients with the structure of the parameters; a `null` leaf is a missing gradient (skipped). */
export type GradTree = Tree<ParamLeaf | null>;

/** The updates returned by a transformation: the parameters' structure, a fresh array (or `null`) per leaf. */
export type UpdateTree = Tree<FloatArray | null>;

/**
 * A gradient transformation (optax's contract): two pure functions. `init` makes the state for some parameters;
 * `update` maps gradients (or the updates of the previous transformation in a {@link chain}) to updates and a
 * new state, never mutating its arguments. State is plain data: numbers, arrays, records and typed arrays
 * (`stateToJSON` turns it into JSON).
 *
 * @typeParam S - the state.
 */
export interface GradientTransformation<S = unknown> {
  /**
   * Makes the initial state.
   * @param params - the parameters (only their structure, shapes and dtypes are read, plus values where a
   *   transformation needs them).
   * @returns the state.
   */
  init(params: ParamTree): S;
  /**
   * Maps gradients to updates.
   * @param grads - the gradients, with the structure of the parameters.
   * @param state - the state from `init` or the previous `update`.
   * @param params - the current parameters (needed by weight decay, clipping by parameter norm, …).
   * @returns the updates (add them with `applyUpdates`) and the new state.
   */
  update(grads: GradTree, state: S, params?: ParamTree): [UpdateTree, S];
}

/**
 * Which leaves a transformation applies to: a function of the leaf's path (`'params.layers[2].bias'`) and shape,
 * e.g. `(path, shape) => shape.length > 1` (no decay on biases and norm weights), or a tree of booleans with the
 * parameters' structure.
 */
export type Mask = ((path: string, shape: readonly number[]) => boolean) | Tree<boolean>;

/** A label per leaf (for `multiTransform`): a function of the leaf's path and shape, or a tree of strings. */
export type Labels = ((path: string, shape: readonly number[]) => string) | Tree<string>;
