import { SAVES_NONE } from '../autograd/node';
import { record } from '../autograd/record';
import { allocUninit } from '../memory/_pool';
import { Tensor } from '../tensor';
import { checkTensor } from './_check';

/**
 * A copy of `x` with its own data (a fresh, contiguous buffer); gradients flow through unchanged.
 *
 * $y = x$, $\partial y / \partial x = I$
 *
 * @param x - the input.
 * @returns a new tensor equal to `x`, recorded in the graph when `x` requires gradients.
 * @example
 * ```ts
 * import { clone, tensor } from '@dl/tensor';
 * const x = tensor([1, 2]);
 * const y = clone(x);
 * y.data === x.data; // false
 * y.toArray(); // [1, 2]
 * ```
 * @see {@link https://pytorch.org/docs/1.13/generated/torch.clone.html | torch.clone}
 */
export function clone(x: Tensor): Tensor {
  checkTensor('clone', 'x', x);
  const out = allocUninit(x.dtype, x.size);
  out.set(x.data);
  return record('clone', new Tensor(out, x.shape.slice(), x.dtype), [x], (g) => [g], SAVES_NONE);
}
