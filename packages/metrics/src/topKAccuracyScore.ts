import { defineOptions } from '@dl/internal';
import {
  encode,
  isMatrix,
  labelList,
  matrix,
  num,
  numbers,
  oneOf,
  labels as readLabels,
  weights as readWeights,
  sameLength,
  show,
  uniqueLabels,
} from './internal/check';
import type { Label, Labels, Matrix, Values } from './types';

/** Options of {@link topKAccuracyScore}. */
export interface TopKAccuracyScoreOptions {
  /**
   * How many of the highest scores may hold the true class.
   * @defaultValue 2
   */
  k?: number;
  /**
   * Return the fraction (true) or the (weighted) count (false) of hits.
   * @defaultValue true
   */
  normalize?: boolean;
  /**
   * Per-sample weights, $\ge 0$.
   * @defaultValue undefined (every sample weighs 1)
   */
  sampleWeight?: Values;
  /**
   * All classes, sorted, one per column of `yScore`.
   * @defaultValue undefined (the sorted labels of `yTrue`)
   */
  labels?: readonly Label[];
}

const readOptions = defineOptions<TopKAccuracyScoreOptions>()('topKAccuracyScore', {
  k: 2,
  normalize: true,
  sampleWeight: undefined,
  labels: undefined,
});

/**
 * The fraction of samples whose true class is among the `k` highest scores — scikit-learn's
 * `top_k_accuracy_score`.
 *
 * Ties among scores are broken as scikit-learn's stable sort does: the later column ranks higher. For a binary
 * task with 1-D scores, `k = 1` thresholds at 0.5 (scores in [0, 1]) or 0, and `k >= 2` always hits.
 *
 * @param yTrue - the true labels.
 * @param yScore - scores `[n, classes]` (columns in sorted label order), or `[n]` for binary tasks.
 * @param options - `k`, `normalize`, `sampleWeight`, `labels`.
 * @returns the top-k accuracy, or the (weighted) number of hits.
 * @example
 * ```ts
 * import { topKAccuracyScore } from '@dl/metrics';
 * const scores = [[0.5, 0.2, 0.2], [0.3, 0.4, 0.2], [0.2, 0.4, 0.3], [0.7, 0.2, 0.1]];
 * topKAccuracyScore([0, 1, 2, 2], scores, { k: 2 }); // 0.75
 * ```
 * @see https://scikit-learn.org/1.2/modules/generated/sklearn.metrics.top_k_accuracy_score.html
 */
export function topKAccuracyScore(
  yTrue: Labels,
  yScore: Values | Matrix,
  options?: TopKAccuracyScoreOptions,
): number {
  const fn = 'topKAccuracyScore';
  const o = readOptions(options);
  const k = num(fn, 'k', o.k, (v) => Number.isInteger(v) && v >= 1, 'an integer >= 1');
  oneOf(fn, 'normalize', o.normalize, [true, false]);
  const t = readLabels(fn, 'yTrue', yTrue);
  const present = uniqueLabels(fn, { name: 'yTrue', values: t });
  let classes = present;
  if (o.labels !== undefined) {
    const l = labelList(fn, o.labels, t[0]);
    const sorted = [...l].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
    if (sorted.some((v, i) => v !== l[i]))
      throw new RangeError(`${fn}: labels must be sorted, got ${show(l)}`);
    classes = l;
  }
  const binary = present.length <= 2 && classes.length <= 2;
  const w = readWeights(fn, o.sampleWeight, t.length);
  const y = encode(t, classes);
  const bad = y.indexOf(-1);
  if (bad >= 0)
    throw new RangeError(
      `${fn}: yTrue holds ${show(t[bad])} at index ${bad}, which is not in labels ${show(classes)}`,
    );
  const hits = new Uint8Array(t.length);
  const column =
    isMatrix(yScore) &&
    (Array.isArray(yScore)
      ? (yScore[0] as ArrayLike<number>).length === 1
      : (yScore as unknown as { shape: number[] }).shape[1] === 1);
  if (binary) {
    if (isMatrix(yScore) && !column) {
      throw new RangeError(
        `${fn}: yTrue is binary but yScore is 2-D; pass the scores of the greater class as [n], or pass labels listing every class`,
      );
    }
    const s = numbers(fn, 'yScore', yScore);
    sameLength(fn, 'yTrue', t.length, 'yScore', s.length);
    if (classes.length !== 2) {
      throw new RangeError(
        `${fn}: yTrue holds ${classes.length} class but 1-D yScore needs 2; pass labels listing both`,
      );
    }
    if (k === 1) {
      let lo = Number.POSITIVE_INFINITY;
      let hi = Number.NEGATIVE_INFINITY;
      for (const v of s) {
        lo = Math.min(lo, v);
        hi = Math.max(hi, v);
      }
      const threshold = lo >= 0 && hi <= 1 ? 0.5 : 0;
      for (let i = 0; i < s.length; i++) hits[i] = (s[i]! > threshold ? 1 : 0) === y[i] ? 1 : 0;
    } else hits.fill(1);
  } else {
    if (!isMatrix(yScore))
      throw new RangeError(
        `${fn}: yTrue has ${classes.length} classes, so yScore must be [n, ${classes.length}], got 1-D scores`,
      );
    const m = matrix(fn, 'yScore', yScore);
    sameLength(fn, 'yTrue', t.length, 'yScore', m.rows);
    if (m.cols !== classes.length) {
      throw new RangeError(
        `${fn}: yScore has ${m.cols} columns but there are ${classes.length} classes ${show(classes)}; pass labels listing every class`,
      );
    }
    const c = m.cols;
    for (let i = 0; i < m.rows; i++) {
      const yi = y[i]!;
      const sy = m.data[i * c + yi]!;
      // rank of the true class in a descending order where ties put the later column first
      let above = 0;
      for (let j = 0; j < c; j++) {
        const v = m.data[i * c + j]!;
        if (v > sy || (v === sy && j > yi)) above++;
      }
      hits[i] = above < k ? 1 : 0;
    }
  }
  let s = 0;
  let sw = 0;
  for (let i = 0; i < hits.length; i++) {
    const wi = w ? w[i]! : 1;
    s += hits[i]! * wi;
    sw += wi;
  }
  return o.normalize ? s / sw : s;
}
