import { defineOptions } from '@dl/internal';
import { oneOf } from './internal/check';
import { confusion } from './internal/confusion';
import { targets } from './internal/targets';
import type { Label, Labels, Values } from './types';

/** Options of {@link cohenKappaScore}. */
export interface CohenKappaScoreOptions {
  /**
   * The labels of the confusion matrix, in order.
   * @defaultValue undefined (the sorted labels present in `y1` and `y2`)
   */
  labels?: readonly Label[];
  /**
   * Disagreement weights: `null` (0 on the diagonal, 1 elsewhere), `'linear'` ($|i - j|$), `'quadratic'`
   * ($(i - j)^2$).
   * @defaultValue null
   */
  weights?: 'linear' | 'quadratic' | null;
  /**
   * Per-sample weights, $\ge 0$.
   * @defaultValue undefined (every sample weighs 1)
   */
  sampleWeight?: Values;
}

const readOptions = defineOptions<CohenKappaScoreOptions>()('cohenKappaScore', {
  labels: undefined,
  weights: null,
  sampleWeight: undefined,
});

/**
 * Cohen's kappa, the agreement of two annotators beyond chance — scikit-learn's `cohen_kappa_score`.
 *
 * $$\kappa = 1 - \frac{\sum_{ij} w_{ij} C_{ij}}{\sum_{ij} w_{ij} E_{ij}}, \quad E = \frac{C^\top\mathbf 1\,\mathbf 1^\top C^\top}{\sum C}$$
 * ($E$ is the outer product of the column and row sums of the confusion matrix $C$, over its total).
 *
 * @param y1 - the labels of the first annotator.
 * @param y2 - the labels of the second annotator.
 * @param options - `labels`, `weights`, `sampleWeight`.
 * @returns kappa, in [-1, 1].
 * @example
 * ```ts
 * import { cohenKappaScore } from '@dl/metrics';
 * cohenKappaScore([0, 1, 1, 2], [0, 1, 2, 2]); // 0.6364
 * ```
 * @see https://scikit-learn.org/1.2/modules/generated/sklearn.metrics.cohen_kappa_score.html
 */
export function cohenKappaScore(y1: Labels, y2: Labels, options?: CohenKappaScoreOptions): number {
  const fn = 'cohenKappaScore';
  const o = readOptions(options);
  const weights = oneOf(fn, 'weights', o.weights, ['linear', 'quadratic', null] as const);
  const { k, m } = confusion(fn, targets(fn, y1, y2, 'y1', 'y2'), o.labels, o.sampleWeight);
  const sum0 = new Float64Array(k);
  const sum1 = new Float64Array(k);
  let total = 0;
  for (let i = 0; i < k; i++) {
    for (let j = 0; j < k; j++) {
      sum0[j]! += m[i * k + j]!;
      sum1[i]! += m[i * k + j]!;
    }
  }
  for (let j = 0; j < k; j++) total += sum0[j]!;
  let num = 0;
  let den = 0;
  for (let i = 0; i < k; i++) {
    for (let j = 0; j < k; j++) {
      const w = weights === null ? (i === j ? 0 : 1) : weights === 'linear' ? Math.abs(i - j) : (i - j) ** 2;
      num += w * m[i * k + j]!;
      den += (w * sum0[i]! * sum1[j]!) / total;
    }
  }
  return 1 - num / den;
}
