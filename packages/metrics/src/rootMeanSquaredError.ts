import { defineOptions } from '@dl/internal';
import { mse } from './meanSquaredError';
import type { RegressionOptions } from './RegressionOptions';
import type { Matrix, Values } from './types';

const readOptions = defineOptions<RegressionOptions>()('rootMeanSquaredError', {
  sampleWeight: undefined,
  multioutput: 'uniform_average',
});

/**
 * The root mean squared error per output — scikit-learn 1.2's `mean_squared_error(..., squared=False)` (named
 * `root_mean_squared_error` from scikit-learn 1.4).
 *
 * $$\mathrm{RMSE} = \sqrt{\frac{\sum_i w_i (y_i - \hat y_i)^2}{\sum_i w_i}}$$
 *
 * @param yTrue - the true values, `[n]` or `[n, outputs]`.
 * @param yPred - the predicted values, the same shape.
 * @param options - `sampleWeight`, `multioutput`.
 * @returns the error (one per output with `multioutput: 'raw_values'`).
 * @example
 * ```ts
 * import { rootMeanSquaredError } from '@dl/metrics';
 * rootMeanSquaredError([3, -0.5, 2, 7], [2.5, 0, 2, 8]); // 0.6124
 * ```
 * @see https://scikit-learn.org/1.2/modules/generated/sklearn.metrics.mean_squared_error.html
 */
export function rootMeanSquaredError(
  yTrue: Values | Matrix,
  yPred: Values | Matrix,
  options: RegressionOptions & { multioutput: 'raw_values' },
): number[];
export function rootMeanSquaredError(
  yTrue: Values | Matrix,
  yPred: Values | Matrix,
  options?: RegressionOptions & { multioutput?: Exclude<RegressionOptions['multioutput'], 'raw_values'> },
): number;
export function rootMeanSquaredError(
  yTrue: Values | Matrix,
  yPred: Values | Matrix,
  options?: RegressionOptions,
): number | number[];
export function rootMeanSquaredError(
  yTrue: Values | Matrix,
  yPred: Values | Matrix,
  options?: RegressionOptions,
): number | number[] {
  return mse('rootMeanSquaredError', yTrue, yPred, { ...readOptions(options), squared: false }, false);
}
