/**
 * A class label: a number or a string, as in scikit-learn. All labels of one call are of one kind.
 */
export type Label = number | string;

/**
 * Anything shaped like the shared tensor interface (`@dl/tensor`'s `TensorData`, a tfjs tensor's `{ shape,
 * dataSync() }` after one call, an ONNX output): a row-major shape plus flat data. No import of @dl/tensor needed.
 */
export interface TensorDataLike {
  /** The dimensions, e.g. `[n]` or `[n, classes]`. */
  readonly shape: readonly number[];
  /** The values, row-major, `shape` product long. */
  readonly data: ArrayLike<number>;
}

/** One value per sample: a plain array, a typed array, or a 1-D {@link TensorDataLike}. */
export type Values = ArrayLike<number> | TensorDataLike;

/** Labels, one per sample: numbers or strings in a plain array, a typed array, or a 1-D {@link TensorDataLike}. */
export type Labels = readonly Label[] | ArrayLike<number> | TensorDataLike;

/**
 * A matrix, one row per sample: nested arrays (plain or typed rows) or a 2-D {@link TensorDataLike}
 * (e.g. probabilities `[n, classes]` or a multilabel indicator matrix of 0 and 1).
 */
export type Matrix = readonly ArrayLike<number>[] | TensorDataLike;
