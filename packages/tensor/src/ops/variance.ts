import { defineOptions, describe } from '@dl/internal';
import { record } from '../autograd/record';
import { reduceLayout, sumSquaredDeviationLayout } from '../kernels/reduceAxes';
import { allocUninit } from '../memory/_pool';
import { normalizeAxes } from '../shape';
import { Tensor } from '../tensor';
import { checkFloat } from './_check';
import { mean } from './mean';
import { mul } from './mul';
import { reshape } from './reshape';
import { sub } from './sub';
import type { ReduceOptions } from './sum';

/** Options of {@link variance} and {@link std}. */
export interface VarianceOptions extends ReduceOptions {
  /**
   * Bessel's correction $c$: the sum of squared deviations is divided by $\max(0, N - c)$. `1` gives the unbiased
   * sample variance (PyTorch's default), `0` the population (biased) variance.
   * @defaultValue 1
   */
  correction?: number;
}

/**
 * @internal The checker of {@link VarianceOptions}. A bare number or array is the axis (PyTorch's `dim`); PyTorch's
 * `unbiased` is named `correction` (as in PyTorch 2), which the unknown-option error says.
 */
export const varianceOptions = /* @__PURE__ */ defineOptions<VarianceOptions>()(
  'variance',
  { axis: undefined, keepDims: false, correction: 1 },
  { positional: 'axis', positionalArray: true },
);

/** @internal The correction's divisor, validated. */
export function varianceDivisor(fn: string, correction: unknown, n: number): number {
  if (typeof correction !== 'number' || !Number.isFinite(correction) || correction < 0) {
    throw new RangeError(`${fn}: correction must be a finite number >= 0, got ${describe(correction)}`);
  }
  return Math.max(0, n - correction);
}

/**
 * @internal The gradient of the variance with respect to `x` given the gradient `gVar` (keepDims-shaped),
 * written with differentiable ops: $\frac{2}{N - c} g (x - \bar{x})$.
 */
export function varianceBackward(x: Tensor, axes: number[], gVar: Tensor, divisor: number): Tensor {
  const centred = sub(x, mean(x, { axis: axes, keepDims: true }));
  return mul(mul(centred, gVar), 2 / divisor);
}

/**
 * Variance over `axis` (all axes by default), by two passes in float64 (mean, then squared deviations).
 *
 * $\operatorname{var}(x) = \frac{1}{\max(0,\,N - c)} \sum_{i=1}^{N} (x_i - \bar{x})^2$ with correction $c$
 * (NaN or Infinity when $N \le c$, as in PyTorch).
 *
 * Accuracy vs PyTorch (oracle tests): 1e-6 relative per element plus 1e-6 times the largest magnitude of the
 * compared array, because the gradient $(x - \bar{x})$ is formed by cancellation: small entries carry
 * rounding error on the scale of the operands, and PyTorch rounds that intermediate in float32 where this op
 * keeps float64.
 *
 * @param x - a float32 or float64 tensor.
 * @param options - `axis`, `keepDims` and `correction`; see {@link VarianceOptions}.
 * @returns the reduced tensor.
 * @example
 * ```ts
 * import { tensor, variance } from '@dl/tensor';
 * const x = tensor([1, 2, 3, 4]);
 * variance(x).item(); // 1.6666666
 * variance(x, { correction: 0 }).item(); // 1.25
 * ```
 * @see {@link https://pytorch.org/docs/1.13/generated/torch.var.html | torch.var}
 */
export function variance(x: Tensor, options: VarianceOptions | number | readonly number[] = {}): Tensor {
  const o = varianceOptions(options, 'variance');
  checkFloat('variance', 'x', x);
  const axes = normalizeAxes('variance', o.axis, x.rank);
  const layout = reduceLayout(x, axes);
  const divisor = varianceDivisor('variance', o.correction, layout.reduce);
  const ss = sumSquaredDeviationLayout(layout);
  const data = allocUninit(x.dtype, ss.length);
  for (let i = 0; i < ss.length; i++) data[i] = ss[i]! / divisor;
  const keepShape = layout.keepShape;
  const outShape = o.keepDims ? keepShape : x.shape.filter((_, i) => !axes.includes(i));
  const out = new Tensor(data, outShape, x.dtype);
  return record('variance', out, [x], (g) => [varianceBackward(x, axes, reshape(g, keepShape), divisor)]);
}
