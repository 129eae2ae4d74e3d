import { describe } from '@dl/internal';
import { extremeLayout, reduceLayout } from '../kernels/reduceAxes';
import { withTempView } from '../memory/_view';
import { Tensor } from '../tensor';
import { checkAxis, checkTensor } from './_check';

/** @internal Shared implementation of {@link argmax} (`sign` 1) and {@link argmin} (`sign` -1). */
export function argExtreme(
  fn: string,
  sign: 1 | -1,
  x: Tensor,
  options: { axis?: number; keepDims?: boolean },
): Tensor {
  checkTensor(fn, 'x', x);
  if (x.size === 0) {
    throw new RangeError(`${fn}: cannot reduce a tensor with no elements, got shape [${x.shape.join(', ')}]`);
  }
  if (options.axis === undefined) {
    const { index } = withTempView(x, [x.size], (flat) => extremeLayout(reduceLayout(flat, [0]), sign));
    const shape = options.keepDims ? x.shape.map(() => 1) : [];
    return new Tensor(index, shape, 'int32');
  }
  if (typeof options.axis !== 'number') {
    throw new TypeError(`${fn}: axis must be a single integer (or omitted), got ${describe(options.axis)}`);
  }
  const axis = checkAxis(fn, options.axis, x.rank);
  const layout = reduceLayout(x, x.rank === 0 ? [] : [axis]);
  const { index } = extremeLayout(layout, sign);
  const shape = options.keepDims ? layout.keepShape : x.shape.filter((_, i) => i !== axis);
  return new Tensor(index, shape, 'int32');
}
