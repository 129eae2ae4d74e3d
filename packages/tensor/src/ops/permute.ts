import type { Tensor } from '../tensor';
import { checkTensor } from './_check';
import { transposeAs } from './transpose';

/**
 * Permutes the axes of `x`: output axis `i` is input axis `axes[i]` — PyTorch's name for {@link transpose} with
 * explicit axes (the result is a copy, not a view).
 *
 * $y_{i_{a_0} \ldots i_{a_{n-1}}} = x_{i_0 \ldots i_{n-1}}$
 *
 * @param x - the input.
 * @param axes - a permutation of `0..rank-1` (negative axes count from the end).
 * @returns the permuted tensor.
 * @example
 * ```ts
 * import { permute, tensor } from '@dl/tensor';
 * permute(tensor([[[1, 2, 3]]]), [2, 0, 1]).shape; // [3, 1, 1]
 * ```
 * @see {@link https://pytorch.org/docs/1.13/generated/torch.permute.html | torch.permute}
 */
export function permute(x: Tensor, axes: readonly number[]): Tensor {
  checkTensor('permute', 'x', x);
  if (axes === undefined)
    throw new TypeError('permute: axes is required, got undefined; use transpose() to reverse');
  return transposeAs('permute', x, axes);
}
