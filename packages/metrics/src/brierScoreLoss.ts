import { defineOptions } from '@dl/internal';
import {
  numbers,
  labels as readLabels,
  weights as readWeights,
  sameLength,
  show,
  uniqueLabels,
} from './internal/check';
import type { Label, Labels, Values } from './types';

/** Options of {@link brierScoreLoss}. */
export interface BrierScoreLossOptions {
  /**
   * Per-sample weights, $\ge 0$.
   * @defaultValue undefined (every sample weighs 1)
   */
  sampleWeight?: Values;
  /**
   * The positive class.
   * @defaultValue undefined (1 for labels in {0, 1} or {-1, 1}, else the greater numeric label, as scikit-learn)
   */
  posLabel?: Label;
}

const readOptions = defineOptions<BrierScoreLossOptions>()('brierScoreLoss', {
  sampleWeight: undefined,
  posLabel: undefined,
});

/**
 * The mean squared error of predicted probabilities of a binary task — scikit-learn's `brier_score_loss`.
 *
 * $$\mathrm{BS} = \frac{\sum_i w_i ([y_i = \text{pos}] - p_i)^2}{\sum_i w_i}$$
 *
 * @param yTrue - the true labels (two classes at most).
 * @param yProb - the probability of the positive class, in [0, 1].
 * @param options - `sampleWeight`, `posLabel`.
 * @returns the Brier score (lower is better).
 * @example
 * ```ts
 * import { brierScoreLoss } from '@dl/metrics';
 * brierScoreLoss([0, 1, 1, 0], [0.1, 0.9, 0.8, 0.3]); // 0.0375
 * ```
 * @see https://scikit-learn.org/1.2/modules/generated/sklearn.metrics.brier_score_loss.html
 */
export function brierScoreLoss(yTrue: Labels, yProb: Values, options?: BrierScoreLossOptions): number {
  const fn = 'brierScoreLoss';
  const o = readOptions(options);
  const t = readLabels(fn, 'yTrue', yTrue);
  const p = numbers(fn, 'yProb', yProb);
  sameLength(fn, 'yTrue', t.length, 'yProb', p.length);
  const w = readWeights(fn, o.sampleWeight, t.length);
  const classes = uniqueLabels(fn, { name: 'yTrue', values: t });
  if (classes.length > 2) {
    throw new RangeError(
      `${fn}: yTrue must have at most two classes (binary), got ${classes.length}: ${show(classes)}`,
    );
  }
  for (let i = 0; i < p.length; i++) {
    if (p[i]! < 0 || p[i]! > 1)
      throw new RangeError(`${fn}: yProb must be in [0, 1], got ${p[i]} at index ${i}`);
  }
  let pos = o.posLabel;
  if (pos === undefined) {
    const numeric = typeof classes[0] === 'number';
    const std =
      numeric && (classes.every((c) => c === 0 || c === 1) || classes.every((c) => c === -1 || c === 1));
    if (std) pos = 1;
    else if (numeric) pos = classes[classes.length - 1]!;
    else {
      throw new RangeError(
        `${fn}: yTrue takes values ${show(classes)} and posLabel is not given; pass posLabel for string labels`,
      );
    }
  }
  let s = 0;
  let sw = 0;
  for (let i = 0; i < t.length; i++) {
    const d = (t[i] === pos ? 1 : 0) - p[i]!;
    const wi = w ? w[i]! : 1;
    s += d * d * wi;
    sw += wi;
  }
  return s / sw;
}
