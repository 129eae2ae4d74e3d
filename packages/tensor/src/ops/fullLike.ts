import { badArgument } from '@dl/internal';
import { dispatch, onDevice } from '../dispatch';
import { allocUninit, allocZeroed } from '../memory/_pool';
import { Tensor } from '../tensor';
import { checkTensor } from './_check';

/**
 * A tensor with the shape and dtype of `x`, filled with `value` (not requiring gradients).
 *
 * @param x - the tensor whose shape and dtype to copy.
 * @param value - the fill value.
 * @returns the new tensor.
 * @example
 * ```ts
 * import { fullLike, tensor } from '@dl/tensor';
 * fullLike(tensor([1, 2]), 0).toArray(); // [0, 0]
 * ```
 */
export function fullLike(x: Tensor, value: number): Tensor {
  checkTensor('fullLike', 'x', x);
  if (typeof value !== 'number') throw badArgument('fullLike', 'value', 'a number', value);
  if (onDevice(x)) return dispatch('fullLike', 'fill', [x], ['x'], { value }, () => fullLike(x, value));
  const data = value === 0 ? allocZeroed(x.dtype, x.size) : allocUninit(x.dtype, x.size).fill(value);
  return new Tensor(data, x.shape, x.dtype);
}
