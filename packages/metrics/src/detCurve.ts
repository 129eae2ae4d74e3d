import { defineOptions } from '@dl/internal';
import { binaryCurve } from './internal/curve';
import type { Label, Labels, Values } from './types';

/** Options of {@link detCurve}. */
export interface DetCurveOptions {
  /**
   * The positive class.
   * @defaultValue undefined (1, for labels in {0, 1} or {-1, 1}; other labels need it)
   */
  posLabel?: Label;
  /**
   * Per-sample weights, $\ge 0$.
   * @defaultValue undefined (every sample weighs 1)
   */
  sampleWeight?: Values;
}

/** The result of {@link detCurve}. */
export interface DetCurve {
  /** False positive rates (false acceptance), decreasing. */
  fpr: Float64Array;
  /** False negative rates (false rejection), increasing. */
  fnr: Float64Array;
  /** Increasing thresholds. */
  thresholds: Float64Array;
}

const readOptions = defineOptions<DetCurveOptions>()('detCurve', {
  posLabel: undefined,
  sampleWeight: undefined,
});

/**
 * The detection error tradeoff curve of a binary task — scikit-learn 1.2's `det_curve`.
 *
 * $\mathrm{FPR}(t) = \frac{FP(s \ge t)}{N}$ against $\mathrm{FNR}(t) = 1 - \frac{TP(s \ge t)}{P}$, over the distinct
 * scores from the last one where FPR is still maximal up to the first where TPR reaches 1 (the rest adds nothing
 * to the picture), in increasing threshold order.
 *
 * @param yTrue - the true labels (two classes, both present).
 * @param yScore - a score per sample, higher meaning more positive.
 * @param options - `posLabel`, `sampleWeight`.
 * @returns `{ fpr, fnr, thresholds }`.
 * @example
 * ```ts
 * import { detCurve } from '@dl/metrics';
 * const { fpr, fnr, thresholds } = detCurve([0, 0, 1, 1], [0.1, 0.4, 0.35, 0.8]);
 * Array.from(fpr); // [0.5, 0.5, 0]
 * Array.from(fnr); // [0, 0.5, 0.5]
 * Array.from(thresholds); // [0.35, 0.4, 0.8]
 * ```
 * @see https://scikit-learn.org/1.2/modules/generated/sklearn.metrics.det_curve.html
 */
export function detCurve(yTrue: Labels, yScore: Values, options?: DetCurveOptions): DetCurve {
  const fn = 'detCurve';
  const o = readOptions(options);
  const { fps, tps, thresholds, classes } = binaryCurve(fn, yTrue, yScore, o.posLabel, o.sampleWeight);
  if (classes.length !== 2) {
    throw new RangeError(
      `${fn}: only one class is present in yTrue; the DET curve is not defined in that case`,
    );
  }
  const m = tps.length;
  const p = tps[m - 1]!;
  const nn = fps[m - 1]!;
  // first_ind: the last index whose fps equals fps[0]; last_ind: the first index where tps reaches its total, + 1
  let first = 0;
  while (first + 1 < m && fps[first + 1] === fps[0]) first++;
  let last = 0;
  while (last < m && tps[last]! < p) last++;
  last = Math.min(last + 1, m);
  const k = Math.max(0, last - first);
  const fpr = new Float64Array(k);
  const fnr = new Float64Array(k);
  const thr = new Float64Array(k);
  for (let j = 0; j < k; j++) {
    const i = last - 1 - j;
    fpr[j] = fps[i]! / nn;
    fnr[j] = (p - tps[i]!) / p;
    thr[j] = thresholds[i]!;
  }
  return { fpr, fnr, thresholds: thr };
}
