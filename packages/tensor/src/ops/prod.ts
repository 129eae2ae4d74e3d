import { record } from '../autograd/record';
import { reduceLayout } from '../kernels/reduceAxes';
import { allocUninit } from '../memory/_pool';
import { normalizeAxes } from '../shape';
import { Tensor } from '../tensor';
import { checkFloat } from './_check';
import { prodExcept } from './_prodExcept';
import { mul } from './mul';
import { reshape } from './reshape';
import { type ReduceOptions, reduceOptions } from './sum';

/**
 * Product of elements over `axis` (all axes by default), accumulated in float64 and rounded once.
 *
 * $\operatorname{prod}(x) = \prod_i x_i$; the gradient is $g \prod_{j \ne i} x_j$, computed with prefix and
 * suffix products (no division), so it is exact when some elements are zero. First and second derivatives are
 * supported (a third derivative throws).
 *
 * @param x - a float32 or float64 tensor.
 * @param options - `axis` and `keepDims`; see {@link ReduceOptions}.
 * @returns the reduced tensor.
 * @example
 * ```ts
 * import { prod, tensor } from '@dl/tensor';
 * prod(tensor([[1, 2], [3, 4]])).item(); // 24
 * prod(tensor([[1, 2], [3, 4]]), { axis: 1 }).toArray(); // [2, 12]
 * ```
 * @see {@link https://pytorch.org/docs/1.13/generated/torch.prod.html | torch.prod}
 */
export function prod(x: Tensor, options: ReduceOptions | number | readonly number[] = {}): Tensor {
  const o = reduceOptions(options, 'prod');
  checkFloat('prod', 'x', x);
  const axes = normalizeAxes('prod', o.axis, x.rank);
  const layout = reduceLayout(x, axes);
  const { data: d, outer, reduce: R, inner } = layout;
  const acc = new Float64Array(outer * inner).fill(1);
  for (let o = 0; o < outer; o++) {
    for (let r = 0; r < R; r++) {
      const base = (o * R + r) * inner;
      for (let i = 0; i < inner; i++) acc[o * inner + i]! *= d[base + i]!;
    }
  }
  const data = allocUninit(x.dtype, acc.length);
  data.set(acc);
  const keepShape = layout.keepShape;
  const outShape = o.keepDims ? keepShape : x.shape.filter((_, i) => !axes.includes(i));
  const out = new Tensor(data, outShape, x.dtype);
  return record('prod', out, [x], (g) => [mul(reshape(g, keepShape), prodExcept(x, axes))]);
}
