import type { Tensor } from '@dl/tensor';

/**
 * A 2-D data set, `nSamples` rows of `nFeatures` values: an array of rows, or a rank-2 float32/float64 `Tensor`.
 * `NaN` marks a missing value: the statistics ignore it and transforms pass it through, as scikit-learn does.
 */
export type Matrix = readonly (readonly number[])[] | Tensor;

/** What a transform returns for an input of type `M`: a tensor of the same dtype for a tensor, else rows. */
export type Transformed<M extends Matrix> = M extends Tensor ? Tensor : number[][];

/**
 * A feature scaler made by {@link standardScaler}, {@link minMaxScaler}, {@link maxAbsScaler} or
 * {@link robustScaler}. It holds only its options: the fitted statistics are the plain, JSON-serializable state
 * record `S` that {@link Scaler.fit} returns and the transforms take, so a fitted scaler is saved with
 * `JSON.stringify(state)` and one scaler can serve many folds.
 *
 * @typeParam S - the fitted state record.
 */
export interface Scaler<S> {
  /**
   * Computes the statistics of `x` (per feature, ignoring NaN).
   * @param x - the training data, `[nSamples, nFeatures]`.
   * @returns the fitted state.
   */
  fit(x: Matrix): S;
  /**
   * Scales `x` with the fitted statistics.
   * @param x - data with the fitted number of features.
   * @param state - from {@link Scaler.fit}.
   * @returns the scaled data, in the kind of `x`.
   */
  transform<M extends Matrix>(x: M, state: S): Transformed<M>;
  /**
   * Undoes {@link Scaler.transform}.
   * @param x - scaled data with the fitted number of features.
   * @param state - from {@link Scaler.fit}.
   * @returns the data in the original units, in the kind of `x`.
   */
  inverseTransform<M extends Matrix>(x: M, state: S): Transformed<M>;
  /**
   * {@link Scaler.fit} then {@link Scaler.transform} on the same data.
   * @param x - the training data.
   * @returns the state and the scaled data.
   */
  fitTransform<M extends Matrix>(x: M): FitTransformResult<S, M>;
}

/** What {@link Scaler.fitTransform} returns. */
export interface FitTransformResult<S, M extends Matrix> {
  /** The fitted state. */
  state: S;
  /** The scaled training data, in the kind of the input. */
  output: Transformed<M>;
}

/** A {@link Scaler} that can also be fitted batch by batch on streaming data. */
export interface IncrementalScaler<S> extends Scaler<S> {
  /**
   * Updates the statistics with one more batch (scikit-learn's `partial_fit`). Fitting batch by batch gives the
   * statistics of the concatenated data (up to rounding).
   * @param x - the next batch, `[nSamples, nFeatures]`.
   * @param state - the state so far; `undefined` for the first batch.
   * @returns the new state (the old one is not modified).
   */
  partialFit(x: Matrix, state?: S): S;
}
