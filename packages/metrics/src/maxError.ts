import { regressionTargets } from './internal/regression';
import type { Values } from './types';

/**
 * The largest absolute error — scikit-learn 1.2's `max_error` (single output).
 *
 * $$\max_i |y_i - \hat y_i|$$
 *
 * @param yTrue - the true values.
 * @param yPred - the predicted values.
 * @returns the maximum residual.
 * @example
 * ```ts
 * import { maxError } from '@dl/metrics';
 * maxError([3, 2, 7, 1], [4, 2, 7, 1]); // 1
 * ```
 * @see https://scikit-learn.org/1.2/modules/generated/sklearn.metrics.max_error.html
 */
export function maxError(yTrue: Values, yPred: Values): number {
  const fn = 'maxError';
  const r = regressionTargets(fn, yTrue, yPred);
  if (r.k !== 1)
    throw new RangeError(`${fn}: several outputs are not supported (as in scikit-learn), got ${r.k} columns`);
  let m = 0;
  for (let i = 0; i < r.n; i++) m = Math.max(m, Math.abs(r.t[i]! - r.p[i]!));
  return m;
}
