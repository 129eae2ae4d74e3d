import { defineOptions } from '@dl/internal';
import {
  column,
  combine,
  median,
  multiOutput,
  regressionTargets,
  weightedPercentile,
} from './internal/regression';
import type { RegressionOptions } from './RegressionOptions';
import type { Matrix, Values } from './types';

const readOptions = defineOptions<RegressionOptions>()('medianAbsoluteError', {
  sampleWeight: undefined,
  multioutput: 'uniform_average',
});

/**
 * The median absolute error — scikit-learn 1.2's `median_absolute_error`.
 *
 * $$\mathrm{MedAE} = \operatorname{median}_i |y_i - \hat y_i|$$
 * With `sampleWeight`, scikit-learn's weighted median (the lowest error whose cumulative weight reaches half,
 * no interpolation).
 *
 * @param yTrue - the true values, `[n]` or `[n, outputs]`.
 * @param yPred - the predicted values, the same shape.
 * @param options - `sampleWeight`, `multioutput`.
 * @returns the error (one per output with `multioutput: 'raw_values'`).
 * @example
 * ```ts
 * import { medianAbsoluteError } from '@dl/metrics';
 * medianAbsoluteError([3, -0.5, 2, 7], [2.5, 0, 2, 8]); // 0.5
 * ```
 * @see https://scikit-learn.org/1.2/modules/generated/sklearn.metrics.median_absolute_error.html
 */
export function medianAbsoluteError(
  yTrue: Values | Matrix,
  yPred: Values | Matrix,
  options: RegressionOptions & { multioutput: 'raw_values' },
): number[];
export function medianAbsoluteError(
  yTrue: Values | Matrix,
  yPred: Values | Matrix,
  options?: RegressionOptions & { multioutput?: Exclude<RegressionOptions['multioutput'], 'raw_values'> },
): number;
export function medianAbsoluteError(
  yTrue: Values | Matrix,
  yPred: Values | Matrix,
  options?: RegressionOptions,
): number | number[];
export function medianAbsoluteError(
  yTrue: Values | Matrix,
  yPred: Values | Matrix,
  options?: RegressionOptions,
): number | number[] {
  const fn = 'medianAbsoluteError';
  const o = readOptions(options);
  const r = regressionTargets(fn, yTrue, yPred, o.sampleWeight);
  const mo = multiOutput(fn, o.multioutput, r.k);
  const e = new Float64Array(r.k);
  for (let j = 0; j < r.k; j++) {
    const t = column(r.t, r.n, r.k, j);
    const p = column(r.p, r.n, r.k, j);
    const d = t.map((v, i) => Math.abs(p[i]! - v));
    e[j] = r.w ? weightedPercentile(d, r.w, 50) : median(d);
  }
  return combine(e, mo);
}
