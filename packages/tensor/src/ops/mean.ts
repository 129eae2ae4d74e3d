import { SAVES_NONE } from '../autograd/node';
import { record } from '../autograd/record';
import { onDevice } from '../dispatch';
import { reduceLayout, sumLayout } from '../kernels/reduceAxes';
import { allocUninit } from '../memory/_pool';
import { normalizeAxes } from '../shape';
import { Tensor } from '../tensor';
import { checkFloat } from './_check';
import { broadcastTo } from './broadcastTo';
import { div } from './div';
import { reshape } from './reshape';
import { type ReduceOptions, reduceOnDevice, reduceOptions } from './sum';

/**
 * Arithmetic mean over `axis` (all axes by default), accumulated in float64 and rounded once to the dtype.
 *
 * $\operatorname{mean}(x) = \frac{1}{N} \sum_{i=1}^{N} x_i$ over the $N$ reduced elements (NaN when $N = 0$).
 *
 * @param x - a float32 or float64 tensor.
 * @param options - `axis` and `keepDims`; see {@link ReduceOptions}.
 * @returns the reduced tensor.
 * @example
 * ```ts
 * import { mean, tensor } from '@dl/tensor';
 * const x = tensor([[1, 2], [3, 6]]);
 * mean(x).item(); // 3
 * mean(x, { axis: 1 }).toArray(); // [1.5, 4.5]
 * mean(x, { axis: 0, keepDims: true }).toArray(); // [[2, 4]]
 * ```
 * @see {@link https://pytorch.org/docs/1.13/generated/torch.mean.html | torch.mean}
 */
export function mean(x: Tensor, options: ReduceOptions | number | readonly number[] = {}): Tensor {
  const o = reduceOptions(options, 'mean');
  checkFloat('mean', 'x', x);
  const axes = normalizeAxes('mean', o.axis, x.rank);
  if (onDevice(x)) {
    return reduceOnDevice(
      'mean',
      x,
      axes,
      o.keepDims,
      () => mean(x, { axis: axes, keepDims: o.keepDims }),
      (back, n) => div(back, n),
    );
  }
  const layout = reduceLayout(x, axes);
  const sums = sumLayout(layout);
  const n = layout.reduce;
  const data = allocUninit(x.dtype, sums.length);
  for (let i = 0; i < sums.length; i++) data[i] = sums[i]! / n;
  const keepShape = layout.keepShape;
  const outShape = o.keepDims ? keepShape : x.shape.filter((_, i) => !axes.includes(i));
  const out = new Tensor(data, outShape, x.dtype);
  return record('mean', out, [x], (g) => [div(broadcastTo(reshape(g, keepShape), x.shape), n)], SAVES_NONE);
}
