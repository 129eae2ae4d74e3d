import { defineOptions } from '@dl/internal';
import { binEdges, binStats, calibrationInputs } from './internal/calibration';
import {
  encode,
  isMatrix,
  matrix,
  num,
  oneOf,
  labels as readLabels,
  sameLength,
  show,
  uniqueLabels,
} from './internal/check';
import type { Label, Labels, Matrix, Values } from './types';

/** Options of {@link expectedCalibrationError}. */
export interface ExpectedCalibrationErrorOptions {
  /**
   * The number of bins.
   * @defaultValue 10
   */
  nBins?: number;
  /**
   * `'l1'`: the expected calibration error (ECE); `'l2'`: its root-mean-square version; `'max'`: the maximum
   * calibration error (MCE).
   * @defaultValue 'l1'
   */
  norm?: 'l1' | 'l2' | 'max';
  /**
   * Bin edges: `'uniform'` on [0, 1] or `'quantile'` (numpy's linear percentiles), as {@link calibrationCurve}.
   * @defaultValue 'uniform'
   */
  strategy?: 'uniform' | 'quantile';
  /**
   * The positive class, for binary probabilities `[n]`.
   * @defaultValue undefined (1, for labels in {0, 1} or {-1, 1})
   */
  posLabel?: Label;
}

const readOptions = defineOptions<ExpectedCalibrationErrorOptions>()('expectedCalibrationError', {
  nBins: 10,
  norm: 'l1',
  strategy: 'uniform',
  posLabel: undefined,
});

/**
 * The expected calibration error over the bins of a reliability diagram.
 *
 * With bins $b$ holding $n_b$ of the $N$ samples, accuracy $a_b$ and mean confidence $c_b$:
 * $$\mathrm{ECE} = \sum_b \frac{n_b}{N}|a_b - c_b|, \quad \mathrm{ECE}_2 = \sqrt{\sum_b \frac{n_b}{N}(a_b - c_b)^2}, \quad \mathrm{MCE} = \max_b |a_b - c_b|.$$
 * For binary probabilities `[n]` the bins are exactly those of {@link calibrationCurve} ($a_b$ is the fraction
 * of positives, $c_b$ the mean probability). For probabilities `[n, classes]` it is the top-label ECE (Guo et al.,
 * 2017): the confidence is the highest probability, correct when its column (in sorted label order) is the true
 * class. scikit-learn has no ECE; the oracle computes it from scikit-learn's `calibration_curve` bins.
 *
 * @param yTrue - the true labels.
 * @param yProb - the probability of the positive class `[n]`, or probabilities `[n, classes]`.
 * @param options - `nBins`, `norm`, `strategy`, `posLabel`.
 * @returns the calibration error, in [0, 1].
 * @example
 * ```ts
 * import { expectedCalibrationError } from '@dl/metrics';
 * expectedCalibrationError([0, 1, 1, 0], [0.2, 0.9, 0.6, 0.3], { nBins: 2 }); // 0.25
 * ```
 * @see https://arxiv.org/abs/1706.04599 (Guo et al., On Calibration of Modern Neural Networks)
 */
export function expectedCalibrationError(
  yTrue: Labels,
  yProb: Values | Matrix,
  options?: ExpectedCalibrationErrorOptions,
): number {
  const fn = 'expectedCalibrationError';
  const o = readOptions(options);
  const norm = oneOf(fn, 'norm', o.norm, ['l1', 'l2', 'max'] as const);
  let y: ArrayLike<number>;
  let p: Float64Array;
  let nBins: number;
  let strategy: 'uniform' | 'quantile';
  if (isMatrix(yProb)) {
    const t = readLabels(fn, 'yTrue', yTrue);
    const m = matrix(fn, 'yProb', yProb);
    sameLength(fn, 'yTrue', t.length, 'yProb', m.rows);
    nBins = num(fn, 'nBins', o.nBins, (v) => Number.isInteger(v) && v >= 1, 'an integer >= 1');
    strategy = oneOf(fn, 'strategy', o.strategy, ['uniform', 'quantile'] as const);
    const classes: Label[] = uniqueLabels(fn, { name: 'yTrue', values: t });
    if (classes.length > m.cols) {
      throw new RangeError(`${fn}: yTrue has ${classes.length} classes but yProb has ${m.cols} columns`);
    }
    const cls = classes.length === m.cols ? classes : Array.from({ length: m.cols }, (_, i) => i);
    const yi = encode(t, cls);
    const bad = yi.indexOf(-1);
    if (bad >= 0)
      throw new RangeError(
        `${fn}: yTrue holds ${show(t[bad])} at index ${bad}, which is not a column of yProb`,
      );
    p = new Float64Array(m.rows);
    const correct = new Uint8Array(m.rows);
    for (let i = 0; i < m.rows; i++) {
      let best = 0;
      for (let j = 1; j < m.cols; j++) if (m.data[i * m.cols + j]! > m.data[i * m.cols + best]!) best = j;
      const c = m.data[i * m.cols + best]!;
      if (c < 0 || c > 1)
        throw new RangeError(`${fn}: yProb must be probabilities in [0, 1], got ${c} at row ${i}`);
      p[i] = c;
      correct[i] = best === yi[i] ? 1 : 0;
    }
    y = correct;
  } else {
    const r = calibrationInputs(fn, yTrue, yProb, o.posLabel, o.nBins, o.strategy);
    y = r.y;
    p = r.p;
    nBins = r.nBins;
    strategy = r.strategy;
  }
  const b = binStats(p, y, binEdges(p, nBins, strategy));
  const n = p.length;
  let s = 0;
  for (let i = 0; i < b.total.length; i++) {
    if (b.total[i] === 0) continue;
    const gap = Math.abs(b.sumTrue[i]! / b.total[i]! - b.sumProb[i]! / b.total[i]!);
    if (norm === 'l1') s += (b.total[i]! / n) * gap;
    else if (norm === 'l2') s += (b.total[i]! / n) * gap * gap;
    else s = Math.max(s, gap);
  }
  return norm === 'l2' ? Math.sqrt(s) : s;
}
