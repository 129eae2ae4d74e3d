import { defineOptions } from '@dl/internal';
import { type MeanSquaredErrorOptions, mse } from './meanSquaredError';
import type { Matrix, Values } from './types';

const readOptions = defineOptions<MeanSquaredErrorOptions>()('meanSquaredLogError', {
  sampleWeight: undefined,
  multioutput: 'uniform_average',
  squared: true,
});

/**
 * The mean squared logarithmic error — scikit-learn 1.2's `mean_squared_log_error`.
 *
 * $$\mathrm{MSLE} = \frac{\sum_i w_i \bigl(\ln(1 + y_i) - \ln(1 + \hat y_i)\bigr)^2}{\sum_i w_i}$$
 * Negative values are a RangeError, as in scikit-learn. `squared: false` gives its square root per output.
 *
 * @param yTrue - the true values ($\ge 0$), `[n]` or `[n, outputs]`.
 * @param yPred - the predicted values ($\ge 0$), the same shape.
 * @param options - `sampleWeight`, `multioutput`, `squared`.
 * @returns the error (one per output with `multioutput: 'raw_values'`).
 * @example
 * ```ts
 * import { meanSquaredLogError } from '@dl/metrics';
 * meanSquaredLogError([3, 5, 2.5, 7], [2.5, 5, 4, 8]); // 0.0397
 * ```
 * @see https://scikit-learn.org/1.2/modules/generated/sklearn.metrics.mean_squared_log_error.html
 */
export function meanSquaredLogError(
  yTrue: Values | Matrix,
  yPred: Values | Matrix,
  options: MeanSquaredErrorOptions & { multioutput: 'raw_values' },
): number[];
export function meanSquaredLogError(
  yTrue: Values | Matrix,
  yPred: Values | Matrix,
  options?: MeanSquaredErrorOptions & {
    multioutput?: Exclude<MeanSquaredErrorOptions['multioutput'], 'raw_values'>;
  },
): number;
export function meanSquaredLogError(
  yTrue: Values | Matrix,
  yPred: Values | Matrix,
  options?: MeanSquaredErrorOptions,
): number | number[];
export function meanSquaredLogError(
  yTrue: Values | Matrix,
  yPred: Values | Matrix,
  options?: MeanSquaredErrorOptions,
): number | number[] {
  return mse('meanSquaredLogError', yTrue, yPred, readOptions(options), true);
}
