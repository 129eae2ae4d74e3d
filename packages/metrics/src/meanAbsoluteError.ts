import { defineOptions } from '@dl/internal';
import { columnMeans, combine, multiOutput, regressionTargets } from './internal/regression';
import type { RegressionOptions } from './RegressionOptions';
import type { Matrix, Values } from './types';

const readOptions = defineOptions<RegressionOptions>()('meanAbsoluteError', {
  sampleWeight: undefined,
  multioutput: 'uniform_average',
});

/**
 * The mean absolute error — scikit-learn 1.2's `mean_absolute_error`.
 *
 * $$\mathrm{MAE} = \frac{\sum_i w_i |y_i - \hat y_i|}{\sum_i w_i}$$
 *
 * @param yTrue - the true values, `[n]` or `[n, outputs]`.
 * @param yPred - the predicted values, the same shape.
 * @param options - `sampleWeight`, `multioutput`.
 * @returns the error (one per output with `multioutput: 'raw_values'`).
 * @example
 * ```ts
 * import { meanAbsoluteError } from '@dl/metrics';
 * meanAbsoluteError([3, -0.5, 2, 7], [2.5, 0, 2, 8]); // 0.5
 * ```
 * @see https://scikit-learn.org/1.2/modules/generated/sklearn.metrics.mean_absolute_error.html
 */
export function meanAbsoluteError(
  yTrue: Values | Matrix,
  yPred: Values | Matrix,
  options: RegressionOptions & { multioutput: 'raw_values' },
): number[];
export function meanAbsoluteError(
  yTrue: Values | Matrix,
  yPred: Values | Matrix,
  options?: RegressionOptions & { multioutput?: Exclude<RegressionOptions['multioutput'], 'raw_values'> },
): number;
export function meanAbsoluteError(
  yTrue: Values | Matrix,
  yPred: Values | Matrix,
  options?: RegressionOptions,
): number | number[];
export function meanAbsoluteError(
  yTrue: Values | Matrix,
  yPred: Values | Matrix,
  options?: RegressionOptions,
): number | number[] {
  const fn = 'meanAbsoluteError';
  const o = readOptions(options);
  const r = regressionTargets(fn, yTrue, yPred, o.sampleWeight);
  const mo = multiOutput(fn, o.multioutput, r.k);
  return combine(
    columnMeans(r, (t, p) => Math.abs(p - t)),
    mo,
  );
}
