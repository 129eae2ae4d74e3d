import { defineOptions } from '@dl/internal';
import { oneOf, weights as readWeights } from './internal/check';
import { targets } from './internal/targets';
import type { Labels, Matrix, Values } from './types';

/** Options of {@link accuracyScore}. */
export interface AccuracyScoreOptions {
  /**
   * Return the fraction (true) or the (weighted) count (false) of correct samples.
   * @defaultValue true
   */
  normalize?: boolean;
  /**
   * Per-sample weights, $\ge 0$.
   * @defaultValue undefined (every sample weighs 1)
   */
  sampleWeight?: Values;
}

const readOptions = defineOptions<AccuracyScoreOptions>()('accuracyScore', {
  normalize: true,
  sampleWeight: undefined,
});

/**
 * The fraction of samples predicted exactly — scikit-learn's `accuracy_score`.
 *
 * $$\mathrm{acc} = \frac{\sum_i w_i [\hat y_i = y_i]}{\sum_i w_i}$$
 * For multilabel indicator matrices a sample counts only when its whole row matches (subset accuracy).
 *
 * @param yTrue - the true labels (numbers or strings), or a multilabel indicator matrix.
 * @param yPred - the predicted labels, or a multilabel indicator matrix.
 * @param options - `normalize`, `sampleWeight`.
 * @returns the accuracy in [0, 1], or the (weighted) number of correct samples.
 * @example
 * ```ts
 * import { accuracyScore } from '@dl/metrics';
 * accuracyScore([0, 1, 2, 3], [0, 2, 1, 3]); // 0.5
 * accuracyScore(['a', 'b'], ['a', 'a'], { normalize: false }); // 1
 * ```
 * @see https://scikit-learn.org/1.2/modules/generated/sklearn.metrics.accuracy_score.html
 */
export function accuracyScore(
  yTrue: Labels | Matrix,
  yPred: Labels | Matrix,
  options?: AccuracyScoreOptions,
): number {
  const fn = 'accuracyScore';
  const o = readOptions(options);
  oneOf(fn, 'normalize', o.normalize, [true, false]);
  const tg = targets(fn, yTrue, yPred);
  const w = readWeights(fn, o.sampleWeight, tg.n);
  let hit = 0;
  let total = 0;
  for (let i = 0; i < tg.n; i++) {
    let ok: boolean;
    if (tg.kind === 'multilabel') {
      ok = true;
      const c = tg.t.cols;
      for (let j = 0; j < c; j++) if (tg.t.data[i * c + j] !== tg.p.data[i * c + j]) ok = false;
    } else ok = tg.t[i] === tg.p[i];
    const wi = w ? w[i]! : 1;
    if (ok) hit += wi;
    total += wi;
  }
  return o.normalize ? hit / total : hit;
}
