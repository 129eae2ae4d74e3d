import { defineOptions } from '@dl/internal';
import { type PrecisionRecallOptions, prfs, type prfsOptions } from './precisionRecallFscoreSupport';
import type { Labels, Matrix } from './types';

const options = defineOptions<PrecisionRecallOptions>()('precisionScore', {
  labels: undefined,
  posLabel: 1,
  average: 'binary',
  sampleWeight: undefined,
  zeroDivision: 'warn',
});

/**
 * The precision $\frac{tp}{tp + fp}$ — scikit-learn's `precision_score`.
 *
 * The fraction of predicted positives that are true positives. See {@link precisionRecallFscoreSupport} for the averaging and zero-division rules.
 *
 * @param yTrue - the true labels (numbers or strings), or a multilabel indicator matrix.
 * @param yPred - the predicted labels, or a multilabel indicator matrix.
 * @param options - `average` (default `'binary'`), `labels`, `posLabel`, `sampleWeight`, `zeroDivision`.
 * @returns the score, or one score per label when `average` is `null`.
 * @example
 * ```ts
 * import { precisionScore } from '@dl/metrics';
 * precisionScore([0, 1, 1, 0], [1, 1, 1, 0]); // 0.6667
 * ```
 * @see https://scikit-learn.org/1.2/modules/generated/sklearn.metrics.precision_score.html
 */
export function precisionScore(
  yTrue: Labels | Matrix,
  yPred: Labels | Matrix,
  options: PrecisionRecallOptions & { average: null },
): number[];
export function precisionScore(
  yTrue: Labels | Matrix,
  yPred: Labels | Matrix,
  options?: PrecisionRecallOptions & { average?: Exclude<PrecisionRecallOptions['average'], null> },
): number;
export function precisionScore(
  yTrue: Labels | Matrix,
  yPred: Labels | Matrix,
  options?: PrecisionRecallOptions,
): number | number[];
export function precisionScore(
  yTrue: Labels | Matrix,
  yPred: Labels | Matrix,
  options?: PrecisionRecallOptions,
): number | number[] {
  const o = readOptions(options);
  return prfs('precisionScore', yTrue, yPred, o).precision;
}

function readOptions(o: PrecisionRecallOptions | undefined): ReturnType<typeof prfsOptions> {
  const r = { beta: 1, ...options(o) };
  return r as ReturnType<typeof prfsOptions>;
}
