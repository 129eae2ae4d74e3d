import type { Tensor } from '../tensor';
import { filledLike } from './_like';
import { readTensorOptions, type TensorOptions } from './tensor';

/**
 * Ones with the shape and dtype of `x`: $y_i = 1$.
 *
 * @param x - the tensor whose shape (and dtype) to copy.
 * @param options - override the dtype, set `requiresGrad`; see {@link TensorOptions}.
 * @returns a new tensor (independent of `x`, not requiring gradients unless asked).
 * @example
 * ```ts
 * import { onesLike, tensor } from '@dl/tensor';
 * onesLike(tensor([1, 2, 3], { dtype: 'int32' })).toArray(); // [1, 1, 1]
 * ```
 * @see https://pytorch.org/docs/1.13/generated/torch.ones_like.html
 */
export function onesLike(x: Tensor, options: TensorOptions = {}): Tensor {
  options = readTensorOptions(options, 'onesLike');
  return filledLike('onesLike', x, 1, options);
}
