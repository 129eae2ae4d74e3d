import { defineOptions } from '@dl/internal';
import { weights as readWeights } from './internal/check';
import { targets } from './internal/targets';
import type { Labels, Matrix, Values } from './types';

/** Options of {@link hammingLoss}. */
export interface HammingLossOptions {
  /**
   * Per-sample weights, $\ge 0$.
   * @defaultValue undefined (every sample weighs 1)
   */
  sampleWeight?: Values;
}

const readOptions = defineOptions<HammingLossOptions>()('hammingLoss', { sampleWeight: undefined });

/**
 * The fraction of labels predicted wrong — scikit-learn's `hamming_loss`.
 *
 * For label vectors it is $1 - \mathrm{accuracy}$; for an $n \times L$ indicator matrix
 * $$\frac{\sum_i w_i \sum_l [\hat y_{il} \ne y_{il}]}{n L \bar w}.$$
 *
 * @param yTrue - the true labels, or a multilabel indicator matrix.
 * @param yPred - the predicted labels, or a multilabel indicator matrix.
 * @param options - `sampleWeight`.
 * @returns the loss, in [0, 1].
 * @example
 * ```ts
 * import { hammingLoss } from '@dl/metrics';
 * hammingLoss([1, 2, 3, 4], [2, 2, 3, 4]); // 0.25
 * hammingLoss([[0, 1], [1, 1]], [[0, 0], [0, 0]]); // 0.75
 * ```
 * @see https://scikit-learn.org/1.2/modules/generated/sklearn.metrics.hamming_loss.html
 */
export function hammingLoss(
  yTrue: Labels | Matrix,
  yPred: Labels | Matrix,
  options?: HammingLossOptions,
): number {
  const fn = 'hammingLoss';
  const o = readOptions(options);
  const tg = targets(fn, yTrue, yPred);
  const w = readWeights(fn, o.sampleWeight, tg.n);
  let diff = 0;
  let total = 0;
  for (let i = 0; i < tg.n; i++) {
    const wi = w ? w[i]! : 1;
    total += wi;
    if (tg.kind === 'multilabel') {
      const c = tg.t.cols;
      let d = 0;
      for (let j = 0; j < c; j++) if (tg.t.data[i * c + j] !== tg.p.data[i * c + j]) d++;
      diff += d * wi;
    } else if (tg.t[i] !== tg.p[i]) diff += wi;
  }
  if (tg.kind === 'multilabel') return diff / (tg.n * tg.t.cols * (total / tg.n));
  return diff / total;
}
