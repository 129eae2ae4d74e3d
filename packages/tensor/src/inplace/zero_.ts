import type { Tensor } from '../tensor';
import { fillInPlace } from './fill_';

/**
 * Sets every element of `x` to 0 in place and returns `x` — PyTorch's `x.zero_()`. See {@link fill_}.
 *
 * @param x - the tensor to modify (on the CPU).
 * @returns `x`.
 * @example
 * ```ts
 * import { tensor, zero_ } from '@dl/tensor';
 * zero_(tensor([1, 2])).toArray(); // [0, 0]
 * ```
 * @see {@link https://pytorch.org/docs/1.13/generated/torch.Tensor.zero_.html | torch.Tensor.zero_}
 */
export function zero_(x: Tensor): Tensor {
  return fillInPlace('zero_', x, 0);
}
