import { defineOptions } from '@dl/internal';
import { oneOf } from './internal/check';
import { columnMeans, combine, multiOutput, regressionTargets } from './internal/regression';
import type { RegressionOptions } from './RegressionOptions';
import type { Matrix, Values } from './types';

/** Options of {@link meanSquaredError} and {@link meanSquaredLogError}. */
export interface MeanSquaredErrorOptions extends RegressionOptions {
  /**
   * Return the mean squared error (true) or its square root per output (false), as scikit-learn 1.2.
   * @defaultValue true
   */
  squared?: boolean;
}

const readOptions = defineOptions<MeanSquaredErrorOptions>()('meanSquaredError', {
  sampleWeight: undefined,
  multioutput: 'uniform_average',
  squared: true,
});

/**
 * The mean squared error — scikit-learn 1.2's `mean_squared_error`.
 *
 * $$\mathrm{MSE} = \frac{\sum_i w_i (y_i - \hat y_i)^2}{\sum_i w_i}$$
 * With `squared: false`, $\sqrt{\mathrm{MSE}}$ per output (RMSE; see also {@link rootMeanSquaredError}).
 *
 * @param yTrue - the true values, `[n]` or `[n, outputs]`.
 * @param yPred - the predicted values, the same shape.
 * @param options - `sampleWeight`, `multioutput`, `squared`.
 * @returns the error (one per output with `multioutput: 'raw_values'`).
 * @example
 * ```ts
 * import { meanSquaredError } from '@dl/metrics';
 * meanSquaredError([3, -0.5, 2, 7], [2.5, 0, 2, 8]); // 0.375
 * meanSquaredError([3, -0.5, 2, 7], [2.5, 0, 2, 8], { squared: false }); // 0.6124
 * ```
 * @see https://scikit-learn.org/1.2/modules/generated/sklearn.metrics.mean_squared_error.html
 */
export function meanSquaredError(
  yTrue: Values | Matrix,
  yPred: Values | Matrix,
  options: MeanSquaredErrorOptions & { multioutput: 'raw_values' },
): number[];
export function meanSquaredError(
  yTrue: Values | Matrix,
  yPred: Values | Matrix,
  options?: MeanSquaredErrorOptions & {
    multioutput?: Exclude<MeanSquaredErrorOptions['multioutput'], 'raw_values'>;
  },
): number;
export function meanSquaredError(
  yTrue: Values | Matrix,
  yPred: Values | Matrix,
  options?: MeanSquaredErrorOptions,
): number | number[];
export function meanSquaredError(
  yTrue: Values | Matrix,
  yPred: Values | Matrix,
  options?: MeanSquaredErrorOptions,
): number | number[] {
  return mse('meanSquaredError', yTrue, yPred, readOptions(options, 'meanSquaredError'), false);
}

/** The shared computation of the squared errors (on log1p values for msle). */
export function mse(
  fn: string,
  yTrue: unknown,
  yPred: unknown,
  o: { sampleWeight?: unknown; multioutput?: unknown; squared?: unknown },
  log: boolean,
): number | number[] {
  oneOf(fn, 'squared', o.squared, [true, false]);
  const r = regressionTargets(fn, yTrue, yPred, o.sampleWeight);
  const mo = multiOutput(fn, o.multioutput, r.k);
  if (log) {
    for (const [name, a] of [
      ['yTrue', r.t],
      ['yPred', r.p],
    ] as const) {
      const i = a.findIndex((v) => v < 0);
      if (i >= 0)
        throw new RangeError(
          `${fn}: ${name} must be >= 0 (the log of 1 + y is taken), got ${a[i]} at index ${i}`,
        );
    }
  }
  const f = log
    ? (t: number, p: number) => (Math.log1p(t) - Math.log1p(p)) ** 2
    : (t: number, p: number) => (t - p) ** 2;
  let e = columnMeans(r, f);
  if (!o.squared) e = e.map(Math.sqrt);
  return combine(e, mo);
}
