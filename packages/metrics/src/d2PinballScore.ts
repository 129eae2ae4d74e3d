import { defineOptions } from '@dl/internal';
import { num } from './internal/check';
import {
  column,
  columnMeans,
  combine,
  multiOutput,
  percentile,
  regressionTargets,
  weightedPercentile,
} from './internal/regression';
import { type PinballOptions, pinball } from './meanPinballLoss';
import type { Matrix, Values } from './types';

const readOptions = defineOptions<PinballOptions>()('d2PinballScore', {
  sampleWeight: undefined,
  multioutput: 'uniform_average',
  alpha: 0.5,
});

/**
 * The $D^2$ pinball score, the fraction of pinball loss explained — scikit-learn 1.2's `d2_pinball_score`.
 *
 * $$D^2_\alpha = 1 - \frac{L_\alpha(y, \hat y)}{L_\alpha(y, q_\alpha)}$$
 * where $q_\alpha$ is the $\alpha$-quantile of `yTrue` (numpy's linear percentile; scikit-learn's weighted
 * percentile with `sampleWeight`). A zero denominator gives 1 for a perfect prediction, else 0. Fewer than two
 * samples give NaN.
 *
 * @param yTrue - the true values, `[n]` or `[n, outputs]`.
 * @param yPred - the predicted values, the same shape.
 * @param options - `alpha`, `sampleWeight`, `multioutput` (`'raw_values'`, `'uniform_average'` or weights).
 * @returns the score (one per output with `multioutput: 'raw_values'`).
 * @example
 * ```ts
 * import { d2PinballScore } from '@dl/metrics';
 * d2PinballScore([1, 2, 3], [1, 3, 3], { alpha: 0.9 }); // 0.7727
 * ```
 * @see https://scikit-learn.org/1.2/modules/generated/sklearn.metrics.d2_pinball_score.html
 */
export function d2PinballScore(
  yTrue: Values | Matrix,
  yPred: Values | Matrix,
  options: PinballOptions & { multioutput: 'raw_values' },
): number[];
export function d2PinballScore(
  yTrue: Values | Matrix,
  yPred: Values | Matrix,
  options?: PinballOptions & { multioutput?: Exclude<PinballOptions['multioutput'], 'raw_values'> },
): number;
export function d2PinballScore(
  yTrue: Values | Matrix,
  yPred: Values | Matrix,
  options?: PinballOptions,
): number | number[];
export function d2PinballScore(
  yTrue: Values | Matrix,
  yPred: Values | Matrix,
  options?: PinballOptions,
): number | number[] {
  return d2('d2PinballScore', yTrue, yPred, readOptions(options));
}

/** The shared computation (d2AbsoluteErrorScore is alpha = 0.5). */
export function d2(fn: string, yTrue: unknown, yPred: unknown, o: PinballOptions): number | number[] {
  const alpha = num(fn, 'alpha', o.alpha, (v) => v >= 0 && v <= 1, 'in [0, 1]');
  const r = regressionTargets(fn, yTrue, yPred, o.sampleWeight);
  const mo = multiOutput(fn, o.multioutput, r.k);
  if (r.n < 2) return Number.NaN;
  const loss = pinball(alpha);
  const numer = columnMeans(r, loss);
  const q = new Float64Array(r.n * r.k);
  for (let j = 0; j < r.k; j++) {
    const t = column(r.t, r.n, r.k, j);
    const v = r.w ? weightedPercentile(t, r.w, alpha * 100) : percentile(t, alpha * 100);
    for (let i = 0; i < r.n; i++) q[i * r.k + j] = v;
  }
  const denom = columnMeans({ ...r, p: q }, loss);
  const out = new Float64Array(r.k);
  for (let j = 0; j < r.k; j++) {
    if (numer[j] === 0) out[j] = 1;
    else out[j] = denom[j] === 0 ? 0 : 1 - numer[j]! / denom[j]!;
  }
  return combine(out, mo);
}
