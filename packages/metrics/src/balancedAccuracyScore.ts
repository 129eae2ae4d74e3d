import { defineOptions } from '@dl/internal';
import { oneOf } from './internal/check';
import { confusion } from './internal/confusion';
import { targets } from './internal/targets';
import type { Labels, Values } from './types';

/** Options of {@link balancedAccuracyScore}. */
export interface BalancedAccuracyScoreOptions {
  /**
   * Per-sample weights, $\ge 0$.
   * @defaultValue undefined (every sample weighs 1)
   */
  sampleWeight?: Values;
  /**
   * Rescale so that chance scores 0 and perfect scores 1: $(s - 1/k)/(1 - 1/k)$.
   * @defaultValue false
   */
  adjusted?: boolean;
}

const readOptions = defineOptions<BalancedAccuracyScoreOptions>()('balancedAccuracyScore', {
  sampleWeight: undefined,
  adjusted: false,
});

/**
 * The mean of the per-class recalls — scikit-learn's `balanced_accuracy_score`.
 *
 * $$\mathrm{bacc} = \frac{1}{k}\sum_{c} \frac{C_{cc}}{\sum_j C_{cj}}$$
 * over the $k$ classes present in `yTrue` (classes only predicted are left out, as in scikit-learn).
 *
 * @param yTrue - the true labels.
 * @param yPred - the predicted labels.
 * @param options - `sampleWeight`, `adjusted`.
 * @returns the balanced accuracy.
 * @example
 * ```ts
 * import { balancedAccuracyScore } from '@dl/metrics';
 * balancedAccuracyScore([0, 1, 0, 0, 1, 0], [0, 1, 0, 0, 0, 1]); // 0.625
 * ```
 * @see https://scikit-learn.org/1.2/modules/generated/sklearn.metrics.balanced_accuracy_score.html
 */
export function balancedAccuracyScore(
  yTrue: Labels,
  yPred: Labels,
  options?: BalancedAccuracyScoreOptions,
): number {
  const fn = 'balancedAccuracyScore';
  const o = readOptions(options);
  oneOf(fn, 'adjusted', o.adjusted, [true, false]);
  const { k, m } = confusion(fn, targets(fn, yTrue, yPred), undefined, o.sampleWeight);
  let s = 0;
  let n = 0;
  for (let i = 0; i < k; i++) {
    let row = 0;
    for (let j = 0; j < k; j++) row += m[i * k + j]!;
    if (row === 0) continue;
    s += m[i * k + i]! / row;
    n++;
  }
  let score = s / n;
  if (o.adjusted) {
    const chance = 1 / n;
    score = (score - chance) / (1 - chance);
  }
  return score;
}
