import { defineOptions } from '@dl/internal';
import { averageBinary } from './internal/averageBinary';
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
import { binaryRocAuc } from './internal/curve';
import type { Label, Labels, Matrix, Values } from './types';

/** Options of {@link rocAucScore}. */
export interface RocAucScoreOptions {
  /**
   * How per-class AUCs are combined for multilabel and multiclass targets: `'macro'`, `'weighted'` (by
   * prevalence), `'micro'` (pool every cell; multilabel and one-vs-rest), `'samples'` (multilabel), `null` (one per
   * class; not for one-vs-one). Ignored for binary targets.
   * @defaultValue 'macro'
   */
  average?: 'micro' | 'macro' | 'weighted' | 'samples' | null;
  /**
   * Per-sample weights, $\ge 0$ (not supported for one-vs-one, as in scikit-learn).
   * @defaultValue undefined (every sample weighs 1)
   */
  sampleWeight?: Values;
  /**
   * Return the standardized partial AUC over FPR in $[0, \text{maxFpr}]$ (McClish correction); binary and
   * multilabel only.
   * @defaultValue undefined (the full AUC)
   */
  maxFpr?: number;
  /**
   * Multiclass strategy: `'ovr'` (each class against the rest) or `'ovo'` (every pair of classes, Hand & Till);
   * `'raise'` makes multiclass targets an error, as in scikit-learn.
   * @defaultValue 'raise'
   */
  multiClass?: 'raise' | 'ovr' | 'ovo';
  /**
   * The classes of the columns of `yScore` (sorted), for multiclass targets.
   * @defaultValue undefined (the sorted labels of `yTrue`)
   */
  labels?: readonly Label[];
}

const readOptions = defineOptions<RocAucScoreOptions>()('rocAucScore', {
  average: 'macro',
  sampleWeight: undefined,
  maxFpr: undefined,
  multiClass: 'raise',
  labels: undefined,
});

/**
 * The area under the ROC curve — scikit-learn 1.2's `roc_auc_score`, binary, multilabel and multiclass.
 *
 * Binary: the trapezoidal area under {@link rocCurve}, which equals the probability that a random positive scores
 * above a random negative, ties counting one half:
 * $$\mathrm{AUC} = \frac{1}{PN}\sum_{i \in +}\sum_{j \in -}\bigl([s_i > s_j] + \tfrac12[s_i = s_j]\bigr).$$
 * With `maxFpr` $= m$, the partial area $A_m$ up to FPR $m$ is standardized (McClish, 1989):
 * $\frac12\bigl(1 + \frac{A_m - m^2/2}{m - m^2/2}\bigr)$.
 * Multiclass one-vs-rest averages the binary AUC of each class against the rest; one-vs-one (Hand & Till, 2001)
 * averages, over every pair $(a, b)$, the mean of the AUCs of $a$ against $b$ and $b$ against $a$ on the samples
 * of those two classes. Multiclass scores must be probabilities (rows summing to 1 within numpy's `allclose`).
 *
 * @param yTrue - the true labels, or a multilabel indicator matrix.
 * @param yScore - scores `[n]` (binary: of the greater label) or `[n, classes]`.
 * @param options - `average`, `sampleWeight`, `maxFpr`, `multiClass`, `labels`.
 * @returns the AUC, or one per class when `average` is `null`.
 * @example
 * ```ts
 * import { rocAucScore } from '@dl/metrics';
 * rocAucScore([0, 0, 1, 1], [0.1, 0.4, 0.35, 0.8]); // 0.75
 * rocAucScore([0, 0, 1, 1], [0.5, 0.5, 0.5, 0.9]); // 0.75 (the tie between classes counts one half)
 * const p = [[0.7, 0.2, 0.1], [0.2, 0.5, 0.3], [0.1, 0.2, 0.7], [0.3, 0.4, 0.3]];
 * rocAucScore([0, 1, 2, 1], p, { multiClass: 'ovr' }); // 1
 * ```
 * @see https://scikit-learn.org/1.2/modules/generated/sklearn.metrics.roc_auc_score.html
 */
export function rocAucScore(
  yTrue: Labels | Matrix,
  yScore: Values | Matrix,
  options: RocAucScoreOptions & { average: null },
): number[];
export function rocAucScore(
  yTrue: Labels | Matrix,
  yScore: Values | Matrix,
  options?: RocAucScoreOptions & { average?: Exclude<RocAucScoreOptions['average'], null> },
): number;
export function rocAucScore(
  yTrue: Labels | Matrix,
  yScore: Values | Matrix,
  options?: RocAucScoreOptions,
): number | number[];
export function rocAucScore(
  yTrue: Labels | Matrix,
  yScore: Values | Matrix,
  options?: RocAucScoreOptions,
): number | number[] {
  const fn = 'rocAucScore';
  const o = readOptions(options);
  const multiClass = oneOf(fn, 'multiClass', o.multiClass, ['raise', 'ovr', 'ovo'] as const);
  const average = oneOf(fn, 'average', o.average, ['micro', 'macro', 'weighted', 'samples', null] as const);
  const maxFpr =
    o.maxFpr === undefined || o.maxFpr === null
      ? undefined
      : num(fn, 'maxFpr', o.maxFpr, (v) => v > 0 && v <= 1, 'in (0, 1]');
  const trueIsMatrix = isMatrix(yTrue) && !isColumn(yTrue);
  if (trueIsMatrix) {
    return averageBinary(fn, yTrue, yScore, average, o.sampleWeight, (y, s, w) =>
      binaryRocAuc(fn, y, s, w, maxFpr),
    );
  }
  const t = readLabels(fn, 'yTrue', yTrue);
  const classes0 = uniqueLabels(fn, { name: 'yTrue', values: t });
  const scoreIsMatrix = isMatrix(yScore) && !isColumn(yScore);
  const scoreCols = scoreIsMatrix ? matrix(fn, 'yScore', yScore).cols : 1;
  if (classes0.length > 2 || (scoreIsMatrix && scoreCols > 2)) {
    if (maxFpr !== undefined && maxFpr !== 1) {
      throw new RangeError(
        `${fn}: maxFpr (partial AUC) is not available for multiclass targets, got maxFpr ${maxFpr}`,
      );
    }
    if (multiClass === 'raise') {
      throw new RangeError(`${fn}: yTrue is multiclass; pass multiClass 'ovr' or 'ovo'`);
    }
    return multiclassAuc(fn, t, yScore, o.labels, multiClass, average, o.sampleWeight);
  }
  if (scoreIsMatrix) {
    throw new RangeError(
      `${fn}: yTrue is binary, so yScore must be 1-D (the scores of the greater label ${show(classes0[classes0.length - 1])}), got ${scoreCols} columns`,
    );
  }
  const s = numbers(fn, 'yScore', yScore);
  sameLength(fn, 'yTrue', t.length, 'yScore', s.length);
  const w = readWeights(fn, o.sampleWeight, t.length);
  const pos = classes0.length === 2 ? classes0[1] : undefined;
  const y = new Uint8Array(t.length);
  for (let i = 0; i < t.length; i++) y[i] = t[i] === pos ? 1 : 0;
  return binaryRocAuc(fn, y, s, w, maxFpr);
}

function isColumn(x: unknown): boolean {
  if (Array.isArray(x)) return x.every((r) => (r as ArrayLike<unknown>).length === 1);
  return (x as { shape: number[] }).shape[1] === 1;
}

function multiclassAuc(
  fn: string,
  t: Label[],
  yScore: unknown,
  labelsOpt: unknown,
  multiClass: 'ovr' | 'ovo',
  average: 'micro' | 'macro' | 'weighted' | 'samples' | null,
  sampleWeight: unknown,
): number | number[] {
  const m = matrix(fn, 'yScore', yScore);
  sameLength(fn, 'yTrue', t.length, 'yScore', m.rows);
  for (let i = 0; i < m.rows; i++) {
    let s = 0;
    for (let j = 0; j < m.cols; j++) s += m.data[i * m.cols + j]!;
    if (!(Math.abs(1 - s) <= 1e-8 + 1e-5 * Math.abs(s))) {
      throw new RangeError(
        `${fn}: multiclass yScore must hold probabilities summing to 1 over classes, got a row summing to ${s} at row ${i}`,
      );
    }
  }
  const allowed =
    multiClass === 'ovr' ? (['micro', 'macro', 'weighted', null] as const) : (['macro', 'weighted'] as const);
  oneOf(
    `${fn}`,
    `average (with multiClass ${show(multiClass)})`,
    average,
    allowed as readonly (string | null)[],
  );
  let classes: Label[];
  if (labelsOpt !== undefined && labelsOpt !== null) {
    classes = labelList(fn, labelsOpt, t[0]);
    const sorted = [...classes].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
    if (sorted.some((v, i) => v !== classes[i]))
      throw new RangeError(`${fn}: labels must be sorted, got ${show(classes)}`);
    if (classes.length !== m.cols) {
      throw new RangeError(`${fn}: labels has ${classes.length} labels but yScore has ${m.cols} columns`);
    }
  } else {
    classes = uniqueLabels(fn, { name: 'yTrue', values: t });
    if (classes.length !== m.cols) {
      throw new RangeError(
        `${fn}: yTrue has ${classes.length} classes but yScore has ${m.cols} columns; pass labels listing every class`,
      );
    }
  }
  const y = encode(t, classes);
  const bad = y.indexOf(-1);
  if (bad >= 0)
    throw new RangeError(
      `${fn}: yTrue holds ${show(t[bad])} at index ${bad}, which is not in labels ${show(classes)}`,
    );
  const k = m.cols;
  if (multiClass === 'ovo') {
    if (sampleWeight !== undefined && sampleWeight !== null) {
      throw new RangeError(
        `${fn}: sampleWeight is not supported for multiClass 'ovo' (scikit-learn raises too)`,
      );
    }
    const present = [...new Set(y)].sort((a, b) => a - b);
    const scores: number[] = [];
    const prevalence: number[] = [];
    for (let ia = 0; ia < present.length; ia++) {
      for (let ib = ia + 1; ib < present.length; ib++) {
        const a = present[ia]!;
        const b = present[ib]!;
        const idx: number[] = [];
        for (let i = 0; i < y.length; i++) if (y[i] === a || y[i] === b) idx.push(i);
        const ya = Uint8Array.from(idx, (i) => (y[i] === a ? 1 : 0));
        const yb = Uint8Array.from(idx, (i) => (y[i] === b ? 1 : 0));
        const sa = Float64Array.from(idx, (i) => m.data[i * k + a]!);
        const sb = Float64Array.from(idx, (i) => m.data[i * k + b]!);
        scores.push(
          (binaryRocAuc(fn, ya, sa, undefined, undefined) + binaryRocAuc(fn, yb, sb, undefined, undefined)) /
            2,
        );
        prevalence.push(idx.length / y.length);
      }
    }
    if (average === 'weighted') {
      let s = 0;
      let sw = 0;
      scores.forEach((v, i) => {
        s += v * prevalence[i]!;
        sw += prevalence[i]!;
      });
      return s / sw;
    }
    return scores.reduce((a, b) => a + b, 0) / scores.length;
  }
  const ind = new Float64Array(y.length * k);
  for (let i = 0; i < y.length; i++) ind[i * k + y[i]!] = 1;
  return averageBinary(
    fn,
    { shape: [y.length, k], data: ind },
    { shape: [m.rows, k], data: m.data },
    average,
    sampleWeight,
    (yy, s, w) => binaryRocAuc(fn, yy, s, w, undefined),
  );
}
