import { defineOptions } from '@dl/internal';
import { d2 } from './d2PinballScore';
import type { RegressionOptions } from './RegressionOptions';
import type { Matrix, Values } from './types';

const readOptions = defineOptions<RegressionOptions>()('d2AbsoluteErrorScore', {
  sampleWeight: undefined,
  multioutput: 'uniform_average',
});

/**
 * The $D^2$ absolute error score — scikit-learn 1.2's `d2_absolute_error_score`: {@link d2PinballScore} with
 * $\alpha = 0.5$, i.e. $1 - \frac{\sum |y_i - \hat y_i|}{\sum |y_i - \operatorname{median}(y)|}$.
 *
 * @param yTrue - the true values, `[n]` or `[n, outputs]`.
 * @param yPred - the predicted values, the same shape.
 * @param options - `sampleWeight`, `multioutput` (`'raw_values'`, `'uniform_average'` or weights).
 * @returns the score (one per output with `multioutput: 'raw_values'`).
 * @example
 * ```ts
 * import { d2AbsoluteErrorScore } from '@dl/metrics';
 * d2AbsoluteErrorScore([3, -0.5, 2, 7], [2.5, 0, 2, 8]); // 0.7647
 * ```
 * @see https://scikit-learn.org/1.2/modules/generated/sklearn.metrics.d2_absolute_error_score.html
 */
export function d2AbsoluteErrorScore(
  yTrue: Values | Matrix,
  yPred: Values | Matrix,
  options: RegressionOptions & { multioutput: 'raw_values' },
): number[];
export function d2AbsoluteErrorScore(
  yTrue: Values | Matrix,
  yPred: Values | Matrix,
  options?: RegressionOptions & { multioutput?: Exclude<RegressionOptions['multioutput'], 'raw_values'> },
): number;
export function d2AbsoluteErrorScore(
  yTrue: Values | Matrix,
  yPred: Values | Matrix,
  options?: RegressionOptions,
): number | number[];
export function d2AbsoluteErrorScore(
  yTrue: Values | Matrix,
  yPred: Values | Matrix,
  options?: RegressionOptions,
): number | number[] {
  return d2('d2AbsoluteErrorScore', yTrue, yPred, { ...readOptions(options), alpha: 0.5 });
}
