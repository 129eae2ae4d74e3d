import { defineOptions } from '@dl/internal';
import { oneOf } from './internal/check';
import { r2Scores } from './internal/r2';
import { combine, multiOutput, regressionTargets } from './internal/regression';
import type { R2ScoreOptions } from './r2Score';
import type { Matrix, Values } from './types';

const readOptions = defineOptions<R2ScoreOptions>()('explainedVarianceScore', {
  sampleWeight: undefined,
  multioutput: 'uniform_average',
  forceFinite: true,
});

/**
 * The explained variance score — scikit-learn 1.2's `explained_variance_score`.
 *
 * $$\mathrm{EV} = 1 - \frac{\operatorname{Var}_w(y - \hat y)}{\operatorname{Var}_w(y)}$$
 * (weighted, biased variances). Unlike $R^2$ it ignores a constant bias of the predictions. The `forceFinite`
 * and `multioutput` rules are those of {@link r2Score}.
 *
 * @param yTrue - the true values, `[n]` or `[n, outputs]`.
 * @param yPred - the predicted values, the same shape.
 * @param options - `sampleWeight`, `multioutput`, `forceFinite`.
 * @returns the score (one per output with `multioutput: 'raw_values'`).
 * @example
 * ```ts
 * import { explainedVarianceScore } from '@dl/metrics';
 * explainedVarianceScore([3, -0.5, 2, 7], [2.5, 0, 2, 8]); // 0.9572
 * ```
 * @see https://scikit-learn.org/1.2/modules/generated/sklearn.metrics.explained_variance_score.html
 */
export function explainedVarianceScore(
  yTrue: Values | Matrix,
  yPred: Values | Matrix,
  options: R2ScoreOptions & { multioutput: 'raw_values' },
): number[];
export function explainedVarianceScore(
  yTrue: Values | Matrix,
  yPred: Values | Matrix,
  options?: R2ScoreOptions & { multioutput?: Exclude<R2ScoreOptions['multioutput'], 'raw_values'> },
): number;
export function explainedVarianceScore(
  yTrue: Values | Matrix,
  yPred: Values | Matrix,
  options?: R2ScoreOptions,
): number | number[];
export function explainedVarianceScore(
  yTrue: Values | Matrix,
  yPred: Values | Matrix,
  options?: R2ScoreOptions,
): number | number[] {
  const fn = 'explainedVarianceScore';
  const o = readOptions(options);
  oneOf(fn, 'forceFinite', o.forceFinite, [true, false]);
  const r = regressionTargets(fn, yTrue, yPred, o.sampleWeight);
  const mo = multiOutput(fn, o.multioutput, r.k, ['raw_values', 'uniform_average', 'variance_weighted']);
  const { n, k, t, p, w } = r;
  const num = new Float64Array(k);
  const den = new Float64Array(k);
  let sw = 0;
  for (let i = 0; i < n; i++) sw += w ? w[i]! : 1;
  for (let j = 0; j < k; j++) {
    let dAvg = 0;
    let tAvg = 0;
    for (let i = 0; i < n; i++) {
      const wi = w ? w[i]! : 1;
      dAvg += (t[i * k + j]! - p[i * k + j]!) * wi;
      tAvg += t[i * k + j]! * wi;
    }
    dAvg /= sw;
    tAvg /= sw;
    let a = 0;
    let b = 0;
    for (let i = 0; i < n; i++) {
      const wi = w ? w[i]! : 1;
      a += (t[i * k + j]! - p[i * k + j]! - dAvg) ** 2 * wi;
      b += (t[i * k + j]! - tAvg) ** 2 * wi;
    }
    num[j] = a / sw;
    den[j] = b / sw;
  }
  return combine(r2Scores(num, den, o.forceFinite), mo, den);
}
