import { defineOptions } from '@dl/internal';
import { confusion } from './internal/confusion';
import { targets } from './internal/targets';
import type { Labels, Values } from './types';

/** Options of {@link matthewsCorrcoef}. */
export interface MatthewsCorrcoefOptions {
  /**
   * Per-sample weights, $\ge 0$.
   * @defaultValue undefined (every sample weighs 1)
   */
  sampleWeight?: Values;
}

const readOptions = defineOptions<MatthewsCorrcoefOptions>()('matthewsCorrcoef', { sampleWeight: undefined });

/**
 * The Matthews correlation coefficient (multiclass $R_K$) — scikit-learn's `matthews_corrcoef`.
 *
 * With the confusion matrix $C$, row sums $t$, column sums $p$, trace $c$ and total $s$:
 * $$\mathrm{MCC} = \frac{c\,s - t\cdot p}{\sqrt{(s^2 - p\cdot p)(s^2 - t\cdot t)}}$$
 * and 0 when the denominator is 0 (a constant truth or prediction).
 *
 * @param yTrue - the true labels.
 * @param yPred - the predicted labels.
 * @param options - `sampleWeight`.
 * @returns the coefficient, in [-1, 1].
 * @example
 * ```ts
 * import { matthewsCorrcoef } from '@dl/metrics';
 * matthewsCorrcoef([1, 1, 1, -1], [1, -1, 1, 1]); // -0.3333
 * ```
 * @see https://scikit-learn.org/1.2/modules/generated/sklearn.metrics.matthews_corrcoef.html
 */
export function matthewsCorrcoef(yTrue: Labels, yPred: Labels, options?: MatthewsCorrcoefOptions): number {
  const fn = 'matthewsCorrcoef';
  const o = readOptions(options);
  const { k, m } = confusion(fn, targets(fn, yTrue, yPred), undefined, o.sampleWeight);
  const t = new Float64Array(k);
  const p = new Float64Array(k);
  let c = 0;
  for (let i = 0; i < k; i++) {
    c += m[i * k + i]!;
    for (let j = 0; j < k; j++) {
      t[i]! += m[i * k + j]!;
      p[j]! += m[i * k + j]!;
    }
  }
  let s = 0;
  let tp = 0;
  let pp = 0;
  let tt = 0;
  for (let i = 0; i < k; i++) {
    s += p[i]!;
    tp += t[i]! * p[i]!;
    pp += p[i]! * p[i]!;
    tt += t[i]! * t[i]!;
  }
  const covYtYp = c * s - tp;
  const covYpYp = s * s - pp;
  const covYtYt = s * s - tt;
  if (covYpYp * covYtYt === 0) return 0;
  return covYtYp / Math.sqrt(covYtYt * covYpYp);
}
