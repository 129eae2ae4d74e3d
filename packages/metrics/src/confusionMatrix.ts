import { defineOptions } from '@dl/internal';
import { oneOf } from './internal/check';
import { confusion, normalizeRows } from './internal/confusion';
import { targets } from './internal/targets';
import type { Label, Labels, Values } from './types';

/** Options of {@link confusionMatrix}. */
export interface ConfusionMatrixOptions {
  /**
   * The labels of the rows and columns, in order; samples with other labels are left out.
   * @defaultValue undefined (the sorted labels present in `yTrue` and `yPred`)
   */
  labels?: readonly Label[];
  /**
   * Per-sample weights, $\ge 0$.
   * @defaultValue undefined (every sample weighs 1)
   */
  sampleWeight?: Values;
  /**
   * Divide by the row sums (`'true'`), the column sums (`'pred'`) or the total (`'all'`); 0/0 gives 0.
   * @defaultValue null (counts)
   */
  normalize?: 'true' | 'pred' | 'all' | null;
}

export const confusionMatrixOptions = defineOptions<ConfusionMatrixOptions>()('confusionMatrix', {
  labels: undefined,
  sampleWeight: undefined,
  normalize: null,
});

/**
 * The confusion matrix $C$: $C_{ij}$ is the (weighted) number of samples of true label $i$ predicted as label
 * $j$ — scikit-learn's `confusion_matrix` (rows = true, columns = predicted).
 *
 * @param yTrue - the true labels (numbers or strings).
 * @param yPred - the predicted labels.
 * @param options - `labels`, `sampleWeight`, `normalize`.
 * @returns the matrix as an array of rows, in the order of `labels`.
 * @example
 * ```ts
 * import { confusionMatrix } from '@dl/metrics';
 * confusionMatrix([2, 0, 2, 2, 0, 1], [0, 0, 2, 2, 0, 2]); // [[2, 0, 0], [0, 0, 1], [1, 0, 2]]
 * confusionMatrix(['cat', 'dog'], ['dog', 'dog'], { labels: ['dog', 'cat'] }); // [[1, 0], [1, 0]]
 * ```
 * @see https://scikit-learn.org/1.2/modules/generated/sklearn.metrics.confusion_matrix.html
 */
export function confusionMatrix(yTrue: Labels, yPred: Labels, options?: ConfusionMatrixOptions): number[][] {
  const fn = 'confusionMatrix';
  const o = confusionMatrixOptions(options);
  const normalize = oneOf(fn, 'normalize', o.normalize, ['true', 'pred', 'all', null] as const);
  const { k, m } = confusion(fn, targets(fn, yTrue, yPred), o.labels, o.sampleWeight);
  return normalizeRows(m, k, normalize);
}
