import type { Tensor } from '../tensor';
import { argExtreme } from './_argExtreme';
import { type ArgReduceOptions, argReduceOptions } from './argmax';

/**
 * Index of the minimum along `axis` (of the flattened tensor when `axis` is omitted), as int32. Ties resolve to
 * the first occurrence and NaN counts as the minimum, like PyTorch and NumPy.
 *
 * $\operatorname{argmin}(x)_j = \min \{\, i : x_{ij} = \min_k x_{kj} \,\}$
 *
 * Not differentiable (the result is an int32 tensor).
 *
 * @param x - the input (any dtype, at least one element).
 * @param options - `axis` and `keepDims`; see {@link ArgReduceOptions}.
 * @returns an int32 tensor of indices.
 * @example
 * ```ts
 * import { argmin, tensor } from '@dl/tensor';
 * const x = tensor([[3, 0, 0], [4, 2, 5]]);
 * argmin(x).item(); // 1
 * argmin(x, { axis: 0, keepDims: true }).toArray(); // [[0, 0, 0]]
 * ```
 * @see {@link https://pytorch.org/docs/1.13/generated/torch.argmin.html | torch.argmin}
 */
export function argmin(x: Tensor, options: ArgReduceOptions | number = {}): Tensor {
  return argExtreme('argmin', -1, x, argReduceOptions(options, 'argmin'));
}
