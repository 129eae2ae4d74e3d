import { SAVES_NONE } from '../autograd/node';
import { record } from '../autograd/record';
import { onDevice } from '../dispatch';
import { allocUninit } from '../memory/_pool';
import { Tensor } from '../tensor';
import { checkTensor } from './_check';
import { mul } from './mul';

/**
 * Elementwise negation $-x$.
 *
 * @param x - the input.
 * @returns a tensor of the same shape.
 * @example
 * ```ts
 * import { neg, tensor } from '@dl/tensor';
 * neg(tensor([1, -2])).toArray(); // [-1, 2]
 * ```
 */
export function neg(x: Tensor): Tensor {
  checkTensor('neg', 'x', x);
  if (onDevice(x)) return mul(x, -1); // on a device: one multiply kernel, the same values and gradient
  const out = allocUninit(x.dtype, x.size);
  const d = x.data;
  for (let i = 0; i < out.length; i++) out[i] = -d[i]!;
  return record('neg', new Tensor(out, x.shape, x.dtype), [x], (g) => [neg(g)], SAVES_NONE);
}
