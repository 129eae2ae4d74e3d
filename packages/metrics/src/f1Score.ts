import { defineOptions } from '@dl/internal';
import { type PrecisionRecallOptions, prfs, type prfsOptions } from './precisionRecallFscoreSupport';
import type { Labels, Matrix } from './types';

const options = defineOptions<PrecisionRecallOptions>()('f1Score', {
  labels: undefined,
  posLabel: 1,
  average: 'binary',
  sampleWeight: undefined,
  zeroDivision: 'warn',
});

/**
 * The F1 score $F_1 = \frac{2 P R}{P + R}$ — scikit-learn's `f1_score`.
 *
 * The harmonic mean of precision and recall. See {@link precisionRecallFscoreSupport} for the averaging and zero-division rules.
 *
 * @param yTrue - the true labels (numbers or strings), or a multilabel indicator matrix.
 * @param yPred - the predicted labels, or a multilabel indicator matrix.
 * @param options - `average` (default `'binary'`), `labels`, `posLabel`, `sampleWeight`, `zeroDivision`.
 * @returns the score, or one score per label when `average` is `null`.
 * @example
 * ```ts
 * import { f1Score } from '@dl/metrics';
 * f1Score([0, 1, 1, 0], [1, 1, 0, 0]); // 0.5
 * f1Score(['a', 'b', 'c', 'a'], ['a', 'c', 'c', 'b'], { average: 'macro' }); // 0.4444
 * ```
 * @see https://scikit-learn.org/1.2/modules/generated/sklearn.metrics.f1_score.html
 */
export function f1Score(
  yTrue: Labels | Matrix,
  yPred: Labels | Matrix,
  options: PrecisionRecallOptions & { average: null },
): number[];
export function f1Score(
  yTrue: Labels | Matrix,
  yPred: Labels | Matrix,
  options?: PrecisionRecallOptions & { average?: Exclude<PrecisionRecallOptions['average'], null> },
): number;
export function f1Score(
  yTrue: Labels | Matrix,
  yPred: Labels | Matrix,
  options?: PrecisionRecallOptions,
): number | number[];
export function f1Score(
  yTrue: Labels | Matrix,
  yPred: Labels | Matrix,
  options?: PrecisionRecallOptions,
): number | number[] {
  const o = readOptions(options);
  return prfs('f1Score', yTrue, yPred, o).fscore;
}

function readOptions(o: PrecisionRecallOptions | undefined): ReturnType<typeof prfsOptions> {
  const r = { beta: 1, ...options(o) };
  return r as ReturnType<typeof prfsOptions>;
}
