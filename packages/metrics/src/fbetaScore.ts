import { defineOptions } from '@dl/internal';
import { type FbetaOptions, prfs, type prfsOptions } from './precisionRecallFscoreSupport';
import type { Labels, Matrix } from './types';

const options = defineOptions<FbetaOptions>()('fbetaScore', {
  labels: undefined,
  posLabel: 1,
  average: 'binary',
  sampleWeight: undefined,
  zeroDivision: 'warn',
  beta: undefined,
});

/**
 * The F-beta score $F_\beta = \frac{(1 + \beta^2) P R}{\beta^2 P + R}$ — scikit-learn's `fbeta_score`.
 *
 * The weighted harmonic mean of precision and recall; $\beta > 1$ favours recall. `beta` is required, as in scikit-learn. See {@link precisionRecallFscoreSupport} for the averaging and zero-division rules.
 *
 * @param yTrue - the true labels (numbers or strings), or a multilabel indicator matrix.
 * @param yPred - the predicted labels, or a multilabel indicator matrix.
 * @param options - `average` (default `'binary'`), `beta` (required), `labels`, `posLabel`, `sampleWeight`, `zeroDivision`.
 * @returns the score, or one score per label when `average` is `null`.
 * @example
 * ```ts
 * import { fbetaScore } from '@dl/metrics';
 * fbetaScore([0, 1, 1, 0], [1, 1, 0, 0], { beta: 2 }); // 0.5
 * ```
 * @see https://scikit-learn.org/1.2/modules/generated/sklearn.metrics.fbeta_score.html
 */
export function fbetaScore(
  yTrue: Labels | Matrix,
  yPred: Labels | Matrix,
  options: FbetaOptions & { average: null },
): number[];
export function fbetaScore(
  yTrue: Labels | Matrix,
  yPred: Labels | Matrix,
  options?: FbetaOptions & { average?: Exclude<FbetaOptions['average'], null> },
): number;
export function fbetaScore(
  yTrue: Labels | Matrix,
  yPred: Labels | Matrix,
  options?: FbetaOptions,
): number | number[];
export function fbetaScore(
  yTrue: Labels | Matrix,
  yPred: Labels | Matrix,
  options?: FbetaOptions,
): number | number[] {
  const o = readOptions(options);
  return prfs('fbetaScore', yTrue, yPred, o).fscore;
}

function readOptions(o: FbetaOptions | undefined): ReturnType<typeof prfsOptions> {
  const r = options(o) as Record<string, unknown>;
  if (r.beta === undefined)
    throw new TypeError(`fbetaScore: beta is required (a number >= 0), got undefined`);
  return r as ReturnType<typeof prfsOptions>;
}
