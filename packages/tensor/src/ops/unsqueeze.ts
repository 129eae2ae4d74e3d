import type { Tensor } from '../tensor';
import { checkAxis, checkTensor } from './_check';
import { reshape } from './reshape';

/**
 * Inserts a dimension of size 1 at position `axis` of the result. Shares `x`'s data.
 *
 * $\operatorname{shape}(y) = [d_0, \ldots, d_{a-1}, 1, d_a, \ldots]$
 *
 * @param x - the input.
 * @param axis - the new axis's position in the result, in `[-rank-1, rank]` (negative counts from the end).
 * @returns a tensor of rank `x.rank + 1`.
 * @example
 * ```ts
 * import { tensor, unsqueeze } from '@dl/tensor';
 * unsqueeze(tensor([1, 2]), 0).shape; // [1, 2]
 * unsqueeze(tensor([1, 2]), -1).shape; // [2, 1]
 * ```
 * @see {@link https://pytorch.org/docs/1.13/generated/torch.unsqueeze.html | torch.unsqueeze}
 */
export function unsqueeze(x: Tensor, axis: number): Tensor {
  checkTensor('unsqueeze', 'x', x);
  const a = checkAxis('unsqueeze', axis, x.rank, 1);
  const shape = x.shape.slice();
  shape.splice(a, 0, 1);
  return reshape(x, shape);
}
