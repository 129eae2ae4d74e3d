import { defineOptions } from '@dl/internal';
import { oneOf } from './internal/check';
import { r2Scores } from './internal/r2';
import { combine, multiOutput, regressionTargets } from './internal/regression';
import type { RegressionOptions } from './RegressionOptions';
import type { Matrix, Values } from './types';

/** Options of {@link r2Score} and {@link explainedVarianceScore}. */
export interface R2ScoreOptions extends RegressionOptions {
  /**
   * Replace the non-finite scores of a constant `yTrue` by finite ones: 1 for a perfect prediction, else 0.
   * With `false`, such outputs give NaN (0/0) or $-\infty$.
   * @defaultValue true
   */
  forceFinite?: boolean;
}

const readOptions = defineOptions<R2ScoreOptions>()('r2Score', {
  sampleWeight: undefined,
  multioutput: 'uniform_average',
  forceFinite: true,
});

/**
 * The coefficient of determination $R^2$ — scikit-learn 1.2's `r2_score`.
 *
 * $$R^2 = 1 - \frac{\sum_i w_i (y_i - \hat y_i)^2}{\sum_i w_i (y_i - \bar y)^2}, \quad \bar y = \frac{\sum_i w_i y_i}{\sum_i w_i}$$
 * For a constant `yTrue` (zero denominator) the score is 1 if the prediction is perfect and 0 otherwise
 * (`forceFinite`). `'variance_weighted'` weights outputs by their denominators. Fewer than two samples give NaN
 * (scikit-learn warns).
 *
 * @param yTrue - the true values, `[n]` or `[n, outputs]`.
 * @param yPred - the predicted values, the same shape.
 * @param options - `sampleWeight`, `multioutput`, `forceFinite`.
 * @returns $R^2$ (at most 1; one per output with `multioutput: 'raw_values'`).
 * @example
 * ```ts
 * import { r2Score } from '@dl/metrics';
 * r2Score([3, -0.5, 2, 7], [2.5, 0, 2, 8]); // 0.9486
 * r2Score([1, 1, 1], [1, 1, 2]); // 0
 * r2Score([1, 1, 1], [1, 1, 2], { forceFinite: false }); // -Infinity
 * ```
 * @see https://scikit-learn.org/1.2/modules/generated/sklearn.metrics.r2_score.html
 */
export function r2Score(
  yTrue: Values | Matrix,
  yPred: Values | Matrix,
  options: R2ScoreOptions & { multioutput: 'raw_values' },
): number[];
export function r2Score(
  yTrue: Values | Matrix,
  yPred: Values | Matrix,
  options?: R2ScoreOptions & { multioutput?: Exclude<R2ScoreOptions['multioutput'], 'raw_values'> },
): number;
export function r2Score(
  yTrue: Values | Matrix,
  yPred: Values | Matrix,
  options?: R2ScoreOptions,
): number | number[];
export function r2Score(
  yTrue: Values | Matrix,
  yPred: Values | Matrix,
  options?: R2ScoreOptions,
): number | number[] {
  const fn = 'r2Score';
  const o = readOptions(options);
  oneOf(fn, 'forceFinite', o.forceFinite, [true, false]);
  const r = regressionTargets(fn, yTrue, yPred, o.sampleWeight);
  const mo = multiOutput(fn, o.multioutput, r.k, ['raw_values', 'uniform_average', 'variance_weighted']);
  if (r.n < 2) return Number.NaN;
  const { n, k, t, p, w } = r;
  const num = new Float64Array(k);
  const den = new Float64Array(k);
  let sw = 0;
  for (let i = 0; i < n; i++) sw += w ? w[i]! : 1;
  for (let j = 0; j < k; j++) {
    let mean = 0;
    for (let i = 0; i < n; i++) mean += t[i * k + j]! * (w ? w[i]! : 1);
    mean /= sw;
    let a = 0;
    let b = 0;
    for (let i = 0; i < n; i++) {
      const wi = w ? w[i]! : 1;
      a += wi * (t[i * k + j]! - p[i * k + j]!) ** 2;
      b += wi * (t[i * k + j]! - mean) ** 2;
    }
    num[j] = a;
    den[j] = b;
  }
  return combine(r2Scores(num, den, o.forceFinite), mo, den);
}
