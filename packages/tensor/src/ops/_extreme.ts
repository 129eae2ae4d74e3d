import { record } from '../autograd/record';
import { extremeLayout, reduceLayout } from '../kernels/reduceAxes';
import { allocUninit, allocZeroed } from '../memory/_pool';
import { normalizeAxes } from '../shape';
import { Tensor } from '../tensor';
import { checkTensor } from './_check';
import { broadcastTo } from './broadcastTo';
import { mul } from './mul';
import { reshape } from './reshape';
import type { ReduceOptions } from './sum';

/**
 * @internal Shared implementation of {@link max} (`sign` 1) and {@link min} (`sign` -1).
 *
 * Gradient routing follows PyTorch 1.13: with one axis (like `torch.max(x, dim)`) the whole gradient goes to the
 * first occurrence of the extreme value; over all axes (`torch.max(x)`) or several axes (`torch.amax`) it is
 * split evenly among all tied elements.
 */
export function extreme(fn: string, sign: 1 | -1, x: Tensor, options: ReduceOptions): Tensor {
  checkTensor(fn, 'x', x);
  const axes = normalizeAxes(fn, options.axis, x.rank);
  if (x.size === 0 && axes.length > 0) {
    throw new RangeError(`${fn}: cannot reduce a tensor with no elements, got shape [${x.shape.join(', ')}]`);
  }
  const single =
    typeof options.axis === 'number' || (Array.isArray(options.axis) && options.axis.length === 1);
  const layout = reduceLayout(x, axes);
  const { values, index } = extremeLayout(layout, sign);
  const data = allocUninit(x.dtype, values.length);
  data.set(values);
  const keepShape = layout.keepShape;
  const outShape = options.keepDims ? keepShape : x.shape.filter((_, i) => !axes.includes(i));
  const out = new Tensor(data, outShape, x.dtype);
  return record(fn, out, [x], (g) => {
    const weights = allocZeroed(x.dtype, x.size);
    if (single && axes.length === 1) {
      const { outer, reduce: R, inner } = layout;
      for (let o = 0; o < outer; o++) {
        for (let i = 0; i < inner; i++) weights[(o * R + index[o * inner + i]!) * inner + i] = 1;
      }
    } else {
      const best = broadcastTo(new Tensor(data, keepShape, x.dtype), x.shape).data;
      const xd = x.data;
      const counts = new Float64Array(data.length);
      const owner = broadcastTo(
        new Tensor(
          Float64Array.from(data, (_, i) => i),
          keepShape,
          'float64',
        ),
        x.shape,
      ).data;
      for (let e = 0; e < xd.length; e++) {
        const v = xd[e]!;
        const b = best[e]!;
        if (v === b || (Number.isNaN(v) && Number.isNaN(b))) counts[owner[e]!]!++;
      }
      for (let e = 0; e < xd.length; e++) {
        const v = xd[e]!;
        const b = best[e]!;
        if (v === b || (Number.isNaN(v) && Number.isNaN(b))) weights[e] = 1 / counts[owner[e]!]!;
      }
    }
    return [mul(reshape(g, keepShape), new Tensor(weights, x.shape, x.dtype))];
  });
}
