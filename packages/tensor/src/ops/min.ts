import type { Tensor } from '../tensor';
import { extreme } from './_extreme';
import { type ReduceOptions, reduceOptions } from './sum';

/**
 * Minimum over `axis` (all axes by default). NaN propagates: a slice containing NaN has minimum NaN.
 *
 * $\min(x)_j = \min_i x_{ij}$
 *
 * Gradient (matching PyTorch 1.13's tie behaviour): with a single `axis` (like `torch.min(x, dim)`) the whole
 * gradient flows to the first minimal element of each slice; over all axes (like `torch.min(x)`) or a list of
 * several axes (like `torch.amin`) it is split evenly among all tied minimal elements.
 *
 * @param x - the input (any dtype).
 * @param options - `axis` and `keepDims`; see {@link ReduceOptions}.
 * @returns the reduced tensor (the values; see {@link argmin} for the indices).
 * @example
 * ```ts
 * import { min, tensor } from '@dl/tensor';
 * const x = tensor([[1, 5], [7, 2]]);
 * min(x).item(); // 1
 * min(x, { axis: 1 }).toArray(); // [1, 2]
 * ```
 * @see {@link https://pytorch.org/docs/1.13/generated/torch.min.html | torch.min},
 *   {@link https://pytorch.org/docs/1.13/generated/torch.amin.html | torch.amin}
 */
export function min(x: Tensor, options: ReduceOptions | number | readonly number[] = {}): Tensor {
  return extreme('min', -1, x, reduceOptions(options, 'min'));
}
