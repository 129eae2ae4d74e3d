import { defineOptions } from '@dl/internal';
import { binEdges, binStats, calibrationInputs } from './internal/calibration';
import type { Label, Labels, Values } from './types';

/** Options of {@link calibrationCurve}. */
export interface CalibrationCurveOptions {
  /**
   * The positive class.
   * @defaultValue undefined (1, for labels in {0, 1} or {-1, 1}; other labels need it)
   */
  posLabel?: Label;
  /**
   * The number of bins.
   * @defaultValue 5
   */
  nBins?: number;
  /**
   * `'uniform'`: bins of equal width on [0, 1]; `'quantile'`: edges at the quantiles of `yProb`
   * (numpy's linear percentiles), so bins hold about equally many samples.
   * @defaultValue 'uniform'
   */
  strategy?: 'uniform' | 'quantile';
}

/** The result of {@link calibrationCurve}: one entry per non-empty bin. */
export interface CalibrationCurve {
  /** The fraction of positives in each non-empty bin. */
  probTrue: Float64Array;
  /** The mean predicted probability in each non-empty bin. */
  probPred: Float64Array;
  /** The number of samples in each non-empty bin (not returned by scikit-learn). */
  counts: Float64Array;
}

const readOptions = defineOptions<CalibrationCurveOptions>()('calibrationCurve', {
  posLabel: undefined,
  nBins: 5,
  strategy: 'uniform',
});

/**
 * The points of a reliability diagram — scikit-learn 1.2's `calibration_curve`.
 *
 * Probabilities go to bins by edges $e_0 < \dots < e_B$ (a value on an interior edge goes to the lower bin);
 * for each non-empty bin $b$, `probTrue` is the fraction of positives and `probPred` the mean probability. A
 * calibrated model lies on the diagonal.
 *
 * @param yTrue - the true labels (two classes).
 * @param yProb - the predicted probability of the positive class, in [0, 1].
 * @param options - `posLabel`, `nBins`, `strategy`.
 * @returns `{ probTrue, probPred, counts }`.
 * @example
 * ```ts
 * import { calibrationCurve } from '@dl/metrics';
 * const c = calibrationCurve([0, 0, 0, 0, 1, 1, 1, 1, 1], [0.1, 0.2, 0.3, 0.4, 0.65, 0.7, 0.8, 0.9, 1], { nBins: 3 });
 * Array.from(c.probTrue); // [0, 0.5, 1]
 * Array.from(c.probPred); // [0.2, 0.525, 0.85]
 * ```
 * @see https://scikit-learn.org/1.2/modules/generated/sklearn.calibration.calibration_curve.html
 */
export function calibrationCurve(
  yTrue: Labels,
  yProb: Values,
  options?: CalibrationCurveOptions,
): CalibrationCurve {
  const fn = 'calibrationCurve';
  const o = readOptions(options);
  const { y, p, nBins, strategy } = calibrationInputs(fn, yTrue, yProb, o.posLabel, o.nBins, o.strategy);
  const b = binStats(p, y, binEdges(p, nBins, strategy));
  const probTrue: number[] = [];
  const probPred: number[] = [];
  const counts: number[] = [];
  for (let i = 0; i < b.total.length; i++) {
    if (b.total[i] === 0) continue;
    probTrue.push(b.sumTrue[i]! / b.total[i]!);
    probPred.push(b.sumProb[i]! / b.total[i]!);
    counts.push(b.total[i]!);
  }
  return {
    probTrue: Float64Array.from(probTrue),
    probPred: Float64Array.from(probPred),
    counts: Float64Array.from(counts),
  };
}
