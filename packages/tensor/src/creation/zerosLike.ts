import type { Tensor } from '../tensor';
import { filledLike } from './_like';
import { readTensorOptions, type TensorOptions } from './tensor';

/**
 * Zeros with the shape and dtype of `x`: $y_i = 0$.
 *
 * @param x - the tensor whose shape (and dtype) to copy.
 * @param options - override the dtype, set `requiresGrad`; see {@link TensorOptions}.
 * @returns a new tensor (independent of `x`, not requiring gradients unless asked).
 * @example
 * ```ts
 * import { tensor, zerosLike } from '@dl/tensor';
 * zerosLike(tensor([[1, 2]])).toArray(); // [[0, 0]]
 * ```
 * @see https://pytorch.org/docs/1.13/generated/torch.zeros_like.html
 */
export function zerosLike(x: Tensor, options: TensorOptions = {}): Tensor {
  options = readTensorOptions(options, 'zerosLike');
  return filledLike('zerosLike', x, 0, options);
}
