import { defineOptions } from '@dl/internal';
import { average as mean, oneOf, show } from './internal/check';
import { counts, targets } from './internal/targets';
import type { Average, PrecisionRecallOptions } from './precisionRecallFscoreSupport';
import type { Labels, Matrix } from './types';

/** Options of {@link jaccardScore}: the same as {@link precisionScore}'s. */
export type JaccardScoreOptions = PrecisionRecallOptions;

const readOptions = defineOptions<JaccardScoreOptions>()('jaccardScore', {
  labels: undefined,
  posLabel: 1,
  average: 'binary',
  sampleWeight: undefined,
  zeroDivision: 'warn',
});

const AVERAGES: readonly Average[] = ['binary', 'micro', 'macro', 'weighted', 'samples', null];

/**
 * The Jaccard index (intersection over union) per label or averaged — scikit-learn's `jaccard_score`.
 *
 * $$J = \frac{tp}{tp + fp + fn}$$
 * 0/0 is `zeroDivision`; the averages are those of {@link precisionRecallFscoreSupport} (`'weighted'` falls back
 * to the plain mean when every support is 0).
 *
 * @param yTrue - the true labels, or a multilabel indicator matrix.
 * @param yPred - the predicted labels, or a multilabel indicator matrix.
 * @param options - `average` (default `'binary'`), `labels`, `posLabel`, `sampleWeight`, `zeroDivision`.
 * @returns the score, or one score per label when `average` is `null`.
 * @example
 * ```ts
 * import { jaccardScore } from '@dl/metrics';
 * jaccardScore([0, 1, 1, 1], [1, 1, 1, 0]); // 0.5
 * jaccardScore([[0, 1, 1], [1, 1, 0]], [[1, 1, 1], [1, 0, 0]], { average: 'samples' }); // 0.5833
 * ```
 * @see https://scikit-learn.org/1.2/modules/generated/sklearn.metrics.jaccard_score.html
 */
export function jaccardScore(
  yTrue: Labels | Matrix,
  yPred: Labels | Matrix,
  options: JaccardScoreOptions & { average: null },
): number[];
export function jaccardScore(
  yTrue: Labels | Matrix,
  yPred: Labels | Matrix,
  options?: JaccardScoreOptions & { average?: Exclude<JaccardScoreOptions['average'], null> },
): number;
export function jaccardScore(
  yTrue: Labels | Matrix,
  yPred: Labels | Matrix,
  options?: JaccardScoreOptions,
): number | number[];
export function jaccardScore(
  yTrue: Labels | Matrix,
  yPred: Labels | Matrix,
  options?: JaccardScoreOptions,
): number | number[] {
  const fn = 'jaccardScore';
  const o = readOptions(options);
  const average = oneOf(fn, 'average', o.average, AVERAGES);
  const zd = oneOf(fn, 'zeroDivision', o.zeroDivision, [0, 1, 'warn'] as const) === 1 ? 1 : 0;
  const tg = targets(fn, yTrue, yPred);
  let labelsOpt: unknown = o.labels;
  if (average === 'binary') {
    if (tg.kind !== 'binary') {
      throw new RangeError(
        `${fn}: the target is ${tg.kind} but average is 'binary'; choose one of 'micro', 'macro', 'weighted'${tg.kind === 'multilabel' ? ", 'samples'" : ''} or null`,
      );
    }
    if (!tg.present.includes(o.posLabel) && tg.present.length >= 2) {
      throw new RangeError(
        `${fn}: posLabel ${show(o.posLabel)} is not a label; expected one of ${show(tg.present)}`,
      );
    }
    labelsOpt = [o.posLabel];
  }
  const c = counts(fn, tg, labelsOpt, o.sampleWeight, average === 'samples');
  let num = c.tp;
  let den = c.tp.map((t, i) => c.pred[i]! + c.true[i]! - t);
  if (average === 'micro') {
    num = Float64Array.of(num.reduce((a, b) => a + b, 0));
    den = Float64Array.of(den.reduce((a, b) => a + b, 0));
  }
  const j = num.map((v, i) => (den[i] === 0 ? zd : v / den[i]!));
  if (average === null) return [...j];
  let w: ArrayLike<number> | undefined;
  if (average === 'weighted') {
    w = c.true.some((v) => v !== 0) ? c.true : undefined;
  } else if (average === 'samples' && o.sampleWeight !== undefined) {
    w = c.total.map((t) => t / c.labels.length);
  }
  return mean(j, w);
}
