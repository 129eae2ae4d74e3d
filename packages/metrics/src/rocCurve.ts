import { defineOptions } from '@dl/internal';
import { oneOf } from './internal/check';
import { binaryCurve, rocPoints } from './internal/curve';
import type { Label, Labels, Values } from './types';

/** Options of {@link rocCurve}. */
export interface RocCurveOptions {
  /**
   * The positive class.
   * @defaultValue undefined (1, for labels in {0, 1} or {-1, 1}; other labels need it)
   */
  posLabel?: Label;
  /**
   * Per-sample weights, $\ge 0$ (samples of weight 0 are dropped, with their thresholds, as in scikit-learn).
   * @defaultValue undefined (every sample weighs 1)
   */
  sampleWeight?: Values;
  /**
   * Drop thresholds whose point lies on a straight segment between its neighbours (they change no area).
   * @defaultValue true
   */
  dropIntermediate?: boolean;
}

/** The result of {@link rocCurve}: three arrays of equal length. */
export interface RocCurve {
  /** False positive rates, increasing from 0 to 1 (NaN when `yTrue` has no negative). */
  fpr: Float64Array;
  /** True positive rates, increasing from 0 to 1 (NaN when `yTrue` has no positive). */
  tpr: Float64Array;
  /** Decreasing thresholds; the first is `max(yScore) + 1` (scikit-learn 1.2), where nothing is predicted positive. */
  thresholds: Float64Array;
}

const readOptions = defineOptions<RocCurveOptions>()('rocCurve', {
  posLabel: undefined,
  sampleWeight: undefined,
  dropIntermediate: true,
});

/**
 * The receiver operating characteristic curve of a binary task — scikit-learn 1.2's `roc_curve`.
 *
 * Samples are ranked by score (a stable sort, highest first). Each distinct score $t$ gives one point
 * $\bigl(\mathrm{FPR}(t), \mathrm{TPR}(t)\bigr) = \bigl(\frac{FP(s \ge t)}{N}, \frac{TP(s \ge t)}{P}\bigr)$, so tied
 * scores collapse into one step (a diagonal segment when the tie mixes classes). The curve starts at (0, 0).
 *
 * @param yTrue - the true labels (two classes).
 * @param yScore - a score per sample, higher meaning more positive (probability, logit, margin).
 * @param options - `posLabel`, `sampleWeight`, `dropIntermediate`.
 * @returns `{ fpr, tpr, thresholds }`.
 * @example
 * ```ts
 * import { rocCurve } from '@dl/metrics';
 * const { fpr, tpr, thresholds } = rocCurve([1, 1, 2, 2], [0.1, 0.4, 0.35, 0.8], { posLabel: 2 });
 * Array.from(fpr); // [0, 0, 0.5, 0.5, 1]
 * Array.from(tpr); // [0, 0.5, 0.5, 1, 1]
 * Array.from(thresholds); // [1.8, 0.8, 0.4, 0.35, 0.1]
 * ```
 * @see https://scikit-learn.org/1.2/modules/generated/sklearn.metrics.roc_curve.html
 */
export function rocCurve(yTrue: Labels, yScore: Values, options?: RocCurveOptions): RocCurve {
  const fn = 'rocCurve';
  const o = readOptions(options);
  oneOf(fn, 'dropIntermediate', o.dropIntermediate, [true, false]);
  return rocPoints(binaryCurve(fn, yTrue, yScore, o.posLabel, o.sampleWeight), o.dropIntermediate);
}
