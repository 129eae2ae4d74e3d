import { defineOptions } from '@dl/internal';
import { num } from './internal/check';
import { columnMeans, combine, multiOutput, regressionTargets } from './internal/regression';
import type { RegressionOptions } from './RegressionOptions';
import type { Matrix, Values } from './types';

/** Options of {@link meanPinballLoss} and {@link d2PinballScore}. */
export interface PinballOptions extends RegressionOptions {
  /**
   * The quantile level $\alpha \in [0, 1]$ (0.5: half the absolute error).
   * @defaultValue 0.5
   */
  alpha?: number;
}

const readOptions = defineOptions<PinballOptions>()('meanPinballLoss', {
  sampleWeight: undefined,
  multioutput: 'uniform_average',
  alpha: 0.5,
});

/** The pinball loss of one residual $d = y - \hat y$. */
export const pinball = (alpha: number) => (t: number, p: number) => {
  const d = t - p;
  const sign = d >= 0 ? 1 : 0;
  return alpha * sign * d - (1 - alpha) * (1 - sign) * d;
};

/**
 * The mean pinball (quantile) loss — scikit-learn 1.2's `mean_pinball_loss`.
 *
 * $$L_\alpha = \frac{\sum_i w_i \bigl(\alpha \max(y_i - \hat y_i, 0) + (1 - \alpha)\max(\hat y_i - y_i, 0)\bigr)}{\sum_i w_i}$$
 *
 * @param yTrue - the true values, `[n]` or `[n, outputs]`.
 * @param yPred - the predicted quantiles, the same shape.
 * @param options - `alpha`, `sampleWeight`, `multioutput` (`'raw_values'`, `'uniform_average'` or weights).
 * @returns the loss (one per output with `multioutput: 'raw_values'`).
 * @example
 * ```ts
 * import { meanPinballLoss } from '@dl/metrics';
 * meanPinballLoss([1, 2, 3], [0, 2, 3], { alpha: 0.1 }); // 0.0333
 * ```
 * @see https://scikit-learn.org/1.2/modules/generated/sklearn.metrics.mean_pinball_loss.html
 */
export function meanPinballLoss(
  yTrue: Values | Matrix,
  yPred: Values | Matrix,
  options: PinballOptions & { multioutput: 'raw_values' },
): number[];
export function meanPinballLoss(
  yTrue: Values | Matrix,
  yPred: Values | Matrix,
  options?: PinballOptions & { multioutput?: Exclude<PinballOptions['multioutput'], 'raw_values'> },
): number;
export function meanPinballLoss(
  yTrue: Values | Matrix,
  yPred: Values | Matrix,
  options?: PinballOptions,
): number | number[];
export function meanPinballLoss(
  yTrue: Values | Matrix,
  yPred: Values | Matrix,
  options?: PinballOptions,
): number | number[] {
  const fn = 'meanPinballLoss';
  const o = readOptions(options);
  const alpha = num(fn, 'alpha', o.alpha, (v) => v >= 0 && v <= 1, 'in [0, 1]');
  const r = regressionTargets(fn, yTrue, yPred, o.sampleWeight);
  const mo = multiOutput(fn, o.multioutput, r.k);
  return combine(columnMeans(r, pinball(alpha)), mo);
}
