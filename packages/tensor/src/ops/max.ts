import type { Tensor } from '../tensor';
import { extreme } from './_extreme';
import { type ReduceOptions, reduceOptions } from './sum';

/**
 * Maximum over `axis` (all axes by default). NaN propagates: a slice containing NaN has maximum NaN.
 *
 * $\max(x)_j = \max_i x_{ij}$
 *
 * Gradient (matching PyTorch 1.13's tie behaviour): with a single `axis` (like `torch.max(x, dim)`) the whole
 * gradient flows to the first maximal element of each slice; over all axes (like `torch.max(x)`) or a list of
 * several axes (like `torch.amax`) it is split evenly among all tied maximal elements.
 *
 * @param x - the input (any dtype).
 * @param options - `axis` and `keepDims`; see {@link ReduceOptions}.
 * @returns the reduced tensor (the values; see {@link argmax} for the indices).
 * @example
 * ```ts
 * import { max, tensor } from '@dl/tensor';
 * const x = tensor([[1, 5], [7, 2]]);
 * max(x).item(); // 7
 * max(x, { axis: 1 }).toArray(); // [5, 7]
 * ```
 * @see {@link https://pytorch.org/docs/1.13/generated/torch.max.html | torch.max},
 *   {@link https://pytorch.org/docs/1.13/generated/torch.amax.html | torch.amax}
 */
export function max(x: Tensor, options: ReduceOptions | number | readonly number[] = {}): Tensor {
  return extreme('max', 1, x, reduceOptions(options, 'max'));
}
