import { defineOptions } from '@dl/internal';
import { binaryCurve } from './internal/curve';
import type { Label, Labels, Values } from './types';

/** Options of {@link precisionRecallCurve}. */
export interface PrecisionRecallCurveOptions {
  /**
   * The positive class.
   * @defaultValue undefined (1, for labels in {0, 1} or {-1, 1}; other labels need it)
   */
  posLabel?: Label;
  /**
   * Per-sample weights, $\ge 0$ (samples of weight 0 are dropped, with their thresholds).
   * @defaultValue undefined (every sample weighs 1)
   */
  sampleWeight?: Values;
}

/** The result of {@link precisionRecallCurve}. */
export interface PrecisionRecallCurve {
  /** Precision at each threshold, then a final 1 (no threshold). */
  precision: Float64Array;
  /** Recall at each threshold (decreasing), then a final 0. */
  recall: Float64Array;
  /** The distinct scores, increasing; one fewer than `precision` and `recall`. */
  thresholds: Float64Array;
}

const readOptions = defineOptions<PrecisionRecallCurveOptions>()('precisionRecallCurve', {
  posLabel: undefined,
  sampleWeight: undefined,
});

/**
 * Precision and recall at every distinct score of a binary task — scikit-learn 1.2's `precision_recall_curve`.
 *
 * At threshold $t$: $P(t) = \frac{TP(s \ge t)}{TP(s \ge t) + FP(s \ge t)}$, $R(t) = \frac{TP(s \ge t)}{P}$.
 * Thresholds are increasing; the last point $(R, P) = (0, 1)$ has no threshold. Without positives, recall is 1
 * everywhere (scikit-learn warns).
 *
 * @param yTrue - the true labels (two classes).
 * @param probasPred - a score per sample, higher meaning more positive.
 * @param options - `posLabel`, `sampleWeight`.
 * @returns `{ precision, recall, thresholds }`.
 * @example
 * ```ts
 * import { precisionRecallCurve } from '@dl/metrics';
 * const { precision, recall, thresholds } = precisionRecallCurve([0, 0, 1, 1], [0.1, 0.4, 0.35, 0.8]);
 * Array.from(precision); // [0.5, 0.6667, 0.5, 1, 1]
 * Array.from(recall); // [1, 1, 0.5, 0.5, 0]
 * Array.from(thresholds); // [0.1, 0.35, 0.4, 0.8]
 * ```
 * @see https://scikit-learn.org/1.2/modules/generated/sklearn.metrics.precision_recall_curve.html
 */
export function precisionRecallCurve(
  yTrue: Labels,
  probasPred: Values,
  options?: PrecisionRecallCurveOptions,
): PrecisionRecallCurve {
  const fn = 'precisionRecallCurve';
  const o = readOptions(options);
  const { fps, tps, thresholds } = binaryCurve(
    fn,
    yTrue,
    probasPred,
    o.posLabel,
    o.sampleWeight,
    'probasPred',
  );
  const m = tps.length;
  const total = tps[m - 1]!;
  const precision = new Float64Array(m + 1);
  const recall = new Float64Array(m + 1);
  const thr = new Float64Array(m);
  for (let j = 0; j < m; j++) {
    const i = m - 1 - j;
    const ps = tps[i]! + fps[i]!;
    precision[j] = ps === 0 ? 0 : tps[i]! / ps;
    recall[j] = total === 0 ? 1 : tps[i]! / total;
    thr[j] = thresholds[i]!;
  }
  precision[m] = 1;
  recall[m] = 0;
  return { precision, recall, thresholds: thr };
}
