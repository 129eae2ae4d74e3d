import { defineOptions } from '@dl/internal';
import { averageBinary } from './internal/averageBinary';
import {
  isMatrix,
  numbers,
  oneOf,
  labels as readLabels,
  weights as readWeights,
  sameLength,
  show,
  uniqueLabels,
} from './internal/check';
import { binaryAveragePrecision } from './internal/curve';
import type { Label, Labels, Matrix, Values } from './types';

/** Options of {@link averagePrecisionScore}. */
export interface AveragePrecisionScoreOptions {
  /**
   * How per-label scores of a multilabel target are combined: `'micro'`, `'macro'`, `'weighted'`, `'samples'`
   * or `null` (one per label). Ignored for binary targets.
   * @defaultValue 'macro'
   */
  average?: 'micro' | 'macro' | 'weighted' | 'samples' | null;
  /**
   * The positive class of a binary target.
   * @defaultValue 1
   */
  posLabel?: Label;
  /**
   * Per-sample weights, $\ge 0$.
   * @defaultValue undefined (every sample weighs 1)
   */
  sampleWeight?: Values;
}

const readOptions = defineOptions<AveragePrecisionScoreOptions>()('averagePrecisionScore', {
  average: 'macro',
  posLabel: 1,
  sampleWeight: undefined,
});

/**
 * Average precision, the area under the step precision-recall curve — scikit-learn 1.2's
 * `average_precision_score` (not interpolated).
 *
 * $$\mathrm{AP} = \sum_n (R_n - R_{n-1}) P_n$$
 * over the thresholds of {@link precisionRecallCurve}. Multiclass targets are an error, as in scikit-learn 1.2
 * (binarize them into an indicator matrix).
 *
 * @param yTrue - the true labels (binary), or a multilabel indicator matrix.
 * @param yScore - a score per sample, or a matrix of scores per label.
 * @param options - `average`, `posLabel`, `sampleWeight`.
 * @returns AP in [0, 1], or one per label when `average` is `null`.
 * @example
 * ```ts
 * import { averagePrecisionScore } from '@dl/metrics';
 * averagePrecisionScore([0, 0, 1, 1], [0.1, 0.4, 0.35, 0.8]); // 0.8333
 * ```
 * @see https://scikit-learn.org/1.2/modules/generated/sklearn.metrics.average_precision_score.html
 */
export function averagePrecisionScore(
  yTrue: Labels | Matrix,
  yScore: Values | Matrix,
  options: AveragePrecisionScoreOptions & { average: null },
): number[];
export function averagePrecisionScore(
  yTrue: Labels | Matrix,
  yScore: Values | Matrix,
  options?: AveragePrecisionScoreOptions & {
    average?: Exclude<AveragePrecisionScoreOptions['average'], null>;
  },
): number;
export function averagePrecisionScore(
  yTrue: Labels | Matrix,
  yScore: Values | Matrix,
  options?: AveragePrecisionScoreOptions,
): number | number[];
export function averagePrecisionScore(
  yTrue: Labels | Matrix,
  yScore: Values | Matrix,
  options?: AveragePrecisionScoreOptions,
): number | number[] {
  const fn = 'averagePrecisionScore';
  const o = readOptions(options);
  const average = oneOf(fn, 'average', o.average, ['micro', 'macro', 'weighted', 'samples', null] as const);
  if (
    isMatrix(yTrue) &&
    !(Array.isArray(yTrue) && yTrue.every((r) => (r as ArrayLike<number>).length === 1))
  ) {
    if (o.posLabel !== 1)
      throw new RangeError(
        `${fn}: posLabel is fixed to 1 for multilabel indicator yTrue, got ${show(o.posLabel)}`,
      );
    return averageBinary(fn, yTrue, yScore, average, o.sampleWeight, binaryAveragePrecision);
  }
  const t = readLabels(fn, 'yTrue', yTrue);
  const classes = uniqueLabels(fn, { name: 'yTrue', values: t });
  if (classes.length > 2) {
    throw new RangeError(
      `${fn}: yTrue is multiclass (${classes.length} classes), which average precision does not support in scikit-learn 1.2; pass a binary target or an indicator matrix`,
    );
  }
  if (classes.length === 2 && !classes.includes(o.posLabel)) {
    throw new RangeError(
      `${fn}: posLabel ${show(o.posLabel)} is not a label; expected one of ${show(classes)}`,
    );
  }
  const s = numbers(fn, 'yScore', yScore);
  sameLength(fn, 'yTrue', t.length, 'yScore', s.length);
  const w = readWeights(fn, o.sampleWeight, t.length);
  const y = new Uint8Array(t.length);
  for (let i = 0; i < t.length; i++) y[i] = t[i] === o.posLabel ? 1 : 0;
  return binaryAveragePrecision(y, s, w);
}
