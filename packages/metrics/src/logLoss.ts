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

/** Options of {@link logLoss}. */
export interface LogLossOptions {
  /**
   * Probabilities are clipped to $[\epsilon, 1 - \epsilon]$; `'auto'` is the float64 machine epsilon
   * $2^{-52}$ (scikit-learn 1.2's `eps='auto'` for float64 input).
   * @defaultValue 'auto'
   */
  eps?: number | 'auto';
  /**
   * Return the mean (true) or the sum (false) of the per-sample losses.
   * @defaultValue true
   */
  normalize?: boolean;
  /**
   * Per-sample weights, $\ge 0$.
   * @defaultValue undefined (every sample weighs 1)
   */
  sampleWeight?: Values;
  /**
   * The classes, i.e. the columns of `yPred` in sorted order.
   * @defaultValue undefined (the sorted labels of `yTrue`)
   */
  labels?: readonly Label[];
}

const readOptions = defineOptions<LogLossOptions>()('logLoss', {
  eps: 'auto',
  normalize: true,
  sampleWeight: undefined,
  labels: undefined,
});

/**
 * The cross-entropy of predicted probabilities — scikit-learn 1.2's `log_loss`.
 *
 * $$L = -\frac{1}{\sum_i w_i}\sum_i w_i \sum_c [y_i = c] \log \tilde p_{ic}, \qquad
 * \tilde p_{ic} = \frac{\mathrm{clip}(p_{ic}, \epsilon, 1 - \epsilon)}{\sum_{c'} \mathrm{clip}(p_{ic'}, \epsilon, 1 - \epsilon)}$$
 * As in scikit-learn 1.2, rows that do not sum to 1 are **renormalized silently** after clipping (later
 * versions warn). A 1-D `yPred` is the probability of the greater class of a binary task.
 *
 * @param yTrue - the true labels.
 * @param yPred - probabilities `[n, classes]` (columns in sorted label order), or `[n]` for binary tasks.
 * @param options - `eps`, `normalize`, `sampleWeight`, `labels`.
 * @returns the loss.
 * @example
 * ```ts
 * import { logLoss } from '@dl/metrics';
 * logLoss(['spam', 'ham', 'ham', 'spam'], [[0.1, 0.9], [0.9, 0.1], [0.8, 0.2], [0.35, 0.65]]); // 0.2162
 * logLoss([0, 1], [0.2, 0.7]); // 0.2899
 * ```
 * @see https://scikit-learn.org/1.2/modules/generated/sklearn.metrics.log_loss.html
 */
export function logLoss(yTrue: Labels, yPred: Values | Matrix, options?: LogLossOptions): number {
  const fn = 'logLoss';
  const o = readOptions(options);
  const eps =
    o.eps === 'auto'
      ? Number.EPSILON
      : num(fn, 'eps', o.eps, (v) => v >= 0 && v < 0.5, "'auto' or a number in [0, 0.5)");
  oneOf(fn, 'normalize', o.normalize, [true, false]);
  const t = readLabels(fn, 'yTrue', yTrue);
  let p: Float64Array;
  let cols: number;
  if (isMatrix(yPred)) {
    const m = matrix(fn, 'yPred', yPred);
    sameLength(fn, 'yTrue', t.length, 'yPred', m.rows);
    p = m.data;
    cols = m.cols;
  } else {
    p = numbers(fn, 'yPred', yPred);
    sameLength(fn, 'yTrue', t.length, 'yPred', p.length);
    cols = 1;
  }
  const w = readWeights(fn, o.sampleWeight, t.length);
  const classes =
    o.labels === undefined
      ? uniqueLabels(fn, { name: 'yTrue', values: t })
      : uniqueLabels(fn, { name: 'labels', values: labelList(fn, o.labels, t[0]) });
  if (classes.length === 1) {
    throw new RangeError(
      o.labels === undefined
        ? `${fn}: yTrue holds only one label (${show(classes[0])}); pass every class through the labels option`
        : `${fn}: labels must hold at least two labels, got ${show(classes)}`,
    );
  }
  const k = cols === 1 ? 2 : cols;
  if (classes.length !== k) {
    throw new RangeError(
      `${fn}: yPred has ${k} classes (columns) but ${o.labels === undefined ? 'yTrue' : 'labels'} has ${classes.length} (${show(classes)})${o.labels === undefined ? '; pass every class through the labels option' : ''}`,
    );
  }
  const y = encode(t, classes);
  const bad = y.indexOf(-1);
  if (bad >= 0)
    throw new RangeError(
      `${fn}: yTrue holds ${show(t[bad])} at index ${bad}, which is not in labels ${show(classes)}`,
    );
  const clip = (v: number) => Math.min(Math.max(v, eps), 1 - eps);
  let total = 0;
  let sw = 0;
  for (let i = 0; i < t.length; i++) {
    let sum = 0;
    let py: number;
    if (cols === 1) {
      const q = clip(p[i]!);
      sum = 1 - q + q;
      py = y[i] === 1 ? q : 1 - q;
    } else {
      for (let j = 0; j < cols; j++) sum += clip(p[i * cols + j]!);
      py = clip(p[i * cols + y[i]!]!);
    }
    const loss = -Math.log(py / sum);
    const wi = w ? w[i]! : 1;
    total += loss * wi;
    sw += wi;
  }
  return o.normalize ? total / sw : total;
}
