import { defineOptions } from '@dl/internal';
import { average as mean, oneOf, show } from './internal/check';
import { type Counts, counts, targets } from './internal/targets';
import type { Label, Labels, Matrix, Values } from './types';

/** How per-label scores are combined, as scikit-learn's `average` (`null` keeps one score per label). */
export type Average = 'binary' | 'micro' | 'macro' | 'weighted' | 'samples' | null;

/** The value a score takes when its denominator is 0 (scikit-learn's `'warn'` is 0, without the warning). */
export type ZeroDivision = 0 | 1 | 'warn';

/** Options of {@link precisionRecallFscoreSupport}, {@link precisionScore}, {@link recallScore}, {@link fbetaScore}, {@link f1Score}. */
export interface PrecisionRecallOptions {
  /**
   * The labels to score and their order; labels absent from the data score by `zeroDivision`; for multilabel
   * indicator matrices, column indices.
   * @defaultValue undefined (the sorted labels present in `yTrue` and `yPred`)
   */
  labels?: readonly Label[];
  /**
   * The positive class when `average` is `'binary'`.
   * @defaultValue 1
   */
  posLabel?: Label;
  /**
   * How per-label scores are averaged: `'binary'` (the `posLabel` score of a binary task), `'micro'` (pool the
   * counts), `'macro'` (unweighted mean), `'weighted'` (mean weighted by support), `'samples'` (per sample, for
   * multilabel), `null` (one score per label).
   * @defaultValue 'binary'
   */
  average?: Average;
  /**
   * Per-sample weights, $\ge 0$.
   * @defaultValue undefined (every sample weighs 1)
   */
  sampleWeight?: Values;
  /**
   * The value of a precision, recall or F score whose denominator is 0.
   * @defaultValue 'warn' (0, as scikit-learn, without a warning)
   */
  zeroDivision?: ZeroDivision;
}

/**
 * Options of {@link fbetaScore}: {@link PrecisionRecallOptions} plus `beta`, which scikit-learn's `fbeta_score`
 * requires.
 */
export interface FbetaOptions extends PrecisionRecallOptions {
  /**
   * The weight of recall against precision, $\beta \ge 0$ (`Infinity` gives recall).
   * @defaultValue undefined (required: fbetaScore throws a TypeError without it, as scikit-learn does)
   */
  beta?: number;
}

/**
 * Options of {@link precisionRecallFscoreSupport}: {@link PrecisionRecallOptions} with scikit-learn's
 * `precision_recall_fscore_support` defaults (`average` `null`, `beta` 1).
 */
export interface PrecisionRecallFscoreSupportOptions extends PrecisionRecallOptions {
  /**
   * How per-label scores are averaged: as {@link PrecisionRecallOptions.average}, but by default one score per
   * label.
   * @defaultValue null (one score per label)
   */
  average?: Average;
  /**
   * The weight of recall against precision, $\beta \ge 0$ (`Infinity` gives recall).
   * @defaultValue 1
   */
  beta?: number;
}

/** The result of {@link precisionRecallFscoreSupport}: numbers when averaged, one entry per label otherwise. */
export interface PrecisionRecallFscoreSupport<T extends number | number[] = number | number[]> {
  /** $\frac{tp}{tp + fp}$, averaged or per label. */
  precision: T;
  /** $\frac{tp}{tp + fn}$, averaged or per label. */
  recall: T;
  /** $F_\beta$, averaged or per label. */
  fscore: T;
  /** The weight (count) of true samples per label; `null` when averaged. */
  support: number[] | null;
  /** The labels scored, in order. */
  labels: Label[];
}

const AVERAGES: readonly Average[] = ['binary', 'micro', 'macro', 'weighted', 'samples', null];

export const prfsOptions = defineOptions<PrecisionRecallFscoreSupportOptions>()(
  'precisionRecallFscoreSupport',
  {
    labels: undefined,
    posLabel: 1,
    average: null,
    sampleWeight: undefined,
    zeroDivision: 'warn',
    beta: 1,
  },
);

function divide(num: Float64Array, den: Float64Array, zd: number): Float64Array {
  const out = new Float64Array(num.length);
  for (let i = 0; i < num.length; i++) out[i] = den[i] === 0 ? zd : num[i]! / den[i]!;
  return out;
}

/** The shared computation, named after the function the user called. */
export function prfs(
  fn: string,
  yTrue: Labels | Matrix,
  yPred: Labels | Matrix,
  o: ReturnType<typeof prfsOptions>,
): PrecisionRecallFscoreSupport {
  const average = oneOf(fn, 'average', o.average, AVERAGES);
  const zdv = oneOf(fn, 'zeroDivision', o.zeroDivision, [0, 1, 'warn'] as const);
  const zd = zdv === 1 ? 1 : 0;
  const beta = o.beta;
  if (typeof beta !== 'number' || Number.isNaN(beta) || beta < 0) {
    throw new RangeError(`${fn}: beta must be a number >= 0, got ${show(beta)}`);
  }
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
  return fromCounts(c, average, beta, zd, o.sampleWeight !== undefined);
}

/** Precision, recall, F and support from per-label counts (shared with the streaming accumulator). */
export function fromCounts(
  c: Counts,
  average: Average,
  beta: number,
  zd: number,
  samplesWeighted: boolean,
): PrecisionRecallFscoreSupport {
  let { tp, pred, true: tru } = c;
  if (average === 'micro') {
    const s = (a: Float64Array) => Float64Array.of(a.reduce((x, y) => x + y, 0));
    tp = s(tp);
    pred = s(pred);
    tru = s(tru);
  }
  const precision = divide(tp, pred, zd);
  const recall = divide(tp, tru, zd);
  const b2 = beta * beta;
  const f = new Float64Array(precision.length);
  for (let i = 0; i < f.length; i++) {
    if (beta === Number.POSITIVE_INFINITY) f[i] = recall[i]!;
    else {
      const d = b2 * precision[i]! + recall[i]!;
      f[i] = ((1 + b2) * precision[i]! * recall[i]!) / (d === 0 ? 1 : d);
    }
  }
  if (average === null) {
    return {
      precision: [...precision],
      recall: [...recall],
      fscore: [...f],
      support: [...tru],
      labels: c.labels,
    };
  }
  let w: Float64Array | undefined;
  if (average === 'weighted') {
    w = tru;
    if (w.reduce((x, y) => x + y, 0) === 0) {
      const allNeg = pred.reduce((x, y) => x + y, 0) === 0;
      return {
        precision: allNeg ? zd : 0,
        recall: zd,
        fscore: allNeg ? zd : 0,
        support: null,
        labels: c.labels,
      };
    }
  } else if (average === 'samples' && samplesWeighted) {
    // the weights were checked by counts()
    w = c.total.map((t) => t / c.labels.length);
  }
  return {
    precision: mean(precision, w),
    recall: mean(recall, w),
    fscore: mean(f, w),
    support: null,
    labels: c.labels,
  };
}

/**
 * Precision, recall, F-beta score and support per label, or averaged — scikit-learn's
 * `precision_recall_fscore_support`.
 *
 * With $tp$, $fp$, $fn$ counted per label (weighted by `sampleWeight`):
 * $P = \frac{tp}{tp + fp}$, $R = \frac{tp}{tp + fn}$,
 * $F_\beta = \frac{(1 + \beta^2) P R}{\beta^2 P + R}$ (0 when $\beta^2 P + R = 0$), support $= tp + fn$.
 * A 0/0 precision or recall is `zeroDivision`. `'micro'` sums the counts over labels first; `'macro'` averages
 * the per-label scores; `'weighted'` weights them by support; `'samples'` computes them per row of a multilabel
 * indicator matrix and averages over rows.
 *
 * @param yTrue - the true labels (numbers or strings), or a multilabel indicator matrix.
 * @param yPred - the predicted labels, or a multilabel indicator matrix.
 * @param options - `average` (default `null`: per label), `beta`, `labels`, `posLabel`, `sampleWeight`,
 *   `zeroDivision`.
 * @returns precision, recall, fscore (numbers, or arrays per label when `average` is `null`), support and labels.
 * @example
 * ```ts
 * import { precisionRecallFscoreSupport } from '@dl/metrics';
 * const r = precisionRecallFscoreSupport(['cat', 'dog', 'pig', 'cat'], ['cat', 'pig', 'dog', 'cat']);
 * r.labels; // ['cat', 'dog', 'pig']
 * r.precision; // [1, 0, 0]
 * r.support; // [2, 1, 1]
 * precisionRecallFscoreSupport([0, 1, 1, 0], [0, 1, 0, 0], { average: 'macro' }).recall; // 0.75
 * ```
 * @see https://scikit-learn.org/1.2/modules/generated/sklearn.metrics.precision_recall_fscore_support.html
 */
export function precisionRecallFscoreSupport(
  yTrue: Labels | Matrix,
  yPred: Labels | Matrix,
  options?: PrecisionRecallFscoreSupportOptions,
): PrecisionRecallFscoreSupport {
  return prfs('precisionRecallFscoreSupport', yTrue, yPred, prfsOptions(options));
}
