import { defineOptions } from '@dl/internal';
import { type PrecisionRecallOptions, prfs, type prfsOptions } from './precisionRecallFscoreSupport';
import type { Labels, Matrix } from './types';

const options = defineOptions<PrecisionRecallOptions>()('recallScore', {
  labels: undefined,
  posLabel: 1,
  average: 'binary',
  sampleWeight: undefined,
  zeroDivision: 'warn',
});

/**
 * The recall $\frac{tp}{tp + fn}$ (sensitivity) — scikit-learn's `recall_score`.
 *
 * The fraction of true positives that are found. See {@link precisionRecallFscoreSupport} for the averaging and zero-division rules.
 *
 * @param yTrue - the true labels (numbers or strings), or a multilabel indicator matrix.
 * @param yPred - the predicted labels, or a multilabel indicator matrix.
 * @param options - `average` (default `'binary'`), `labels`, `posLabel`, `sampleWeight`, `zeroDivision`.
 * @returns the score, or one score per label when `average` is `null`.
 * @example
 * ```ts
 * import { recallScore } from '@dl/metrics';
 * recallScore([0, 1, 1, 0], [1, 1, 0, 0]); // 0.5
 * ```
 * @see https://scikit-learn.org/1.2/modules/generated/sklearn.metrics.recall_score.html
 */
export function recallScore(
  yTrue: Labels | Matrix,
  yPred: Labels | Matrix,
  options: PrecisionRecallOptions & { average: null },
): number[];
export function recallScore(
  yTrue: Labels | Matrix,
  yPred: Labels | Matrix,
  options?: PrecisionRecallOptions & { average?: Exclude<PrecisionRecallOptions['average'], null> },
): number;
export function recallScore(
  yTrue: Labels | Matrix,
  yPred: Labels | Matrix,
  options?: PrecisionRecallOptions,
): number | number[];
export function recallScore(
  yTrue: Labels | Matrix,
  yPred: Labels | Matrix,
  options?: PrecisionRecallOptions,
): number | number[] {
  const o = readOptions(options);
  return prfs('recallScore', yTrue, yPred, o).recall;
}

function readOptions(o: PrecisionRecallOptions | undefined): ReturnType<typeof prfsOptions> {
  const r = { beta: 1, ...options(o) };
  return r as ReturnType<typeof prfsOptions>;
}
