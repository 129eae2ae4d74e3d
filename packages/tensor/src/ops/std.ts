import { record } from '../autograd/record';
import { reduceLayout, sumSquaredDeviationLayout } from '../kernels/reduceAxes';
import { allocUninit } from '../memory/_pool';
import { normalizeAxes } from '../shape';
import { Tensor } from '../tensor';
import { checkFloat } from './_check';
import { div } from './div';
import { mul } from './mul';
import { reshape } from './reshape';
import { type VarianceOptions, varianceBackward, varianceDivisor, varianceOptions } from './variance';

/**
 * Standard deviation over `axis` (all axes by default): the square root of {@link variance}.
 *
 * $\operatorname{std}(x) = \sqrt{\frac{1}{\max(0,\,N - c)} \sum_{i=1}^{N} (x_i - \bar{x})^2}$
 *
 * The gradient is $\frac{x - \bar{x}}{(N - c)\,\operatorname{std}(x)}$: infinite or NaN where the standard
 * deviation is 0, as in PyTorch.
 *
 * Accuracy vs PyTorch (oracle tests): 1e-6 relative per element plus 1e-6 times the largest magnitude of the
 * compared array, because the gradient $(x - \bar{x})$ is formed by cancellation: small entries carry
 * rounding error on the scale of the operands, and PyTorch rounds that intermediate in float32 where this op
 * keeps float64.
 *
 * @param x - a float32 or float64 tensor.
 * @param options - `axis`, `keepDims` and `correction` (default 1, unbiased); see {@link VarianceOptions}.
 * @returns the reduced tensor.
 * @example
 * ```ts
 * import { std, tensor } from '@dl/tensor';
 * std(tensor([2, 4, 4, 4, 5, 5, 7, 9]), { correction: 0 }).item(); // 2
 * std(tensor([[1, 3], [5, 5]]), { axis: 1 }).toArray(); // [1.4142135, 0]
 * ```
 * @see {@link https://pytorch.org/docs/1.13/generated/torch.std.html | torch.std}
 */
export function std(x: Tensor, options: VarianceOptions | number | readonly number[] = {}): Tensor {
  const o = varianceOptions(options, 'std');
  checkFloat('std', 'x', x);
  const axes = normalizeAxes('std', o.axis, x.rank);
  const layout = reduceLayout(x, axes);
  const divisor = varianceDivisor('std', o.correction, layout.reduce);
  const ss = sumSquaredDeviationLayout(layout);
  const data = allocUninit(x.dtype, ss.length);
  for (let i = 0; i < ss.length; i++) data[i] = Math.sqrt(ss[i]! / divisor);
  const keepShape = layout.keepShape;
  const outShape = o.keepDims ? keepShape : x.shape.filter((_, i) => !axes.includes(i));
  const out = new Tensor(data, outShape, x.dtype);
  return record('std', out, [x], (g) => {
    const gVar = div(reshape(g, keepShape), mul(reshape(out, keepShape), 2));
    return [varianceBackward(x, axes, gVar, divisor)];
  });
}
