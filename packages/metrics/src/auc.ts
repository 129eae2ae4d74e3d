import { numbers, sameLength } from './internal/check';
import { trapz } from './internal/curve';
import type { Values } from './types';

/**
 * The area under a curve by the trapezoidal rule — scikit-learn's `auc` (for ROC AUC use {@link rocAucScore}).
 *
 * $$\int y\,dx \approx \sum_i (x_i - x_{i-1})\frac{y_i + y_{i-1}}{2}$$
 * `x` must be monotonic (increasing or decreasing; a decreasing `x` gives the positive area, as scikit-learn).
 *
 * @param x - the x coordinates, monotonic, at least two.
 * @param y - the y coordinates.
 * @returns the area.
 * @example
 * ```ts
 * import { auc } from '@dl/metrics';
 * auc([0, 0.5, 1], [0, 0.75, 1]); // 0.625
 * ```
 * @see https://scikit-learn.org/1.2/modules/generated/sklearn.metrics.auc.html
 */
export function auc(x: Values, y: Values): number {
  const fn = 'auc';
  const xs = numbers(fn, 'x', x);
  const ys = numbers(fn, 'y', y);
  sameLength(fn, 'x', xs.length, 'y', ys.length);
  if (xs.length < 2)
    throw new RangeError(`${fn}: at least 2 points are needed to compute an area, got ${xs.length}`);
  let up = true;
  let down = true;
  for (let i = 1; i < xs.length; i++) {
    if (xs[i]! < xs[i - 1]!) up = false;
    if (xs[i]! > xs[i - 1]!) down = false;
  }
  if (!up && !down)
    throw new RangeError(
      `${fn}: x must be monotonic increasing or decreasing, got ${Array.from(xs.slice(0, 8)).join(', ')}${xs.length > 8 ? ', …' : ''}`,
    );
  const a = trapz(xs, ys);
  return up ? a : -a;
}
