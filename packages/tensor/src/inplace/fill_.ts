import { badArgument } from '@dl/internal';
import { SAVES_NONE } from '../autograd/node';
import { fullLike } from '../ops/fullLike';
import type { Tensor } from '../tensor';
import { inPlace } from './_inPlace';

/**
 * Sets every element of `x` to `value` in place and returns `x` — PyTorch's `x.fill_(value)` (int32 tensors
 * truncate it as their typed array does). Versions and autograd as described at {@link add_}: on a recorded
 * intermediate, no gradient flows to `x`'s old values.
 *
 * @param x - the tensor to modify (on the CPU).
 * @param value - the number to write.
 * @returns `x`.
 * @example
 * ```ts
 * import { fill_, zeros } from '@dl/tensor';
 * fill_(zeros([2, 2]), 7).toArray(); // [[7, 7], [7, 7]]
 * ```
 * @see {@link https://pytorch.org/docs/1.13/generated/torch.Tensor.fill_.html | torch.Tensor.fill_}
 */
export function fill_(x: Tensor, value: number): Tensor {
  if (typeof value !== 'number') throw badArgument('fill_', 'value', 'a number', value);
  return fillInPlace('fill_', x, value);
}

/** @internal {@link fill_} under the name `fn`. */
export function fillInPlace(fn: string, x: Tensor, value: number): Tensor {
  return inPlace(
    fn,
    x,
    (t) => {
      t.data.fill(value);
      return t;
    },
    // as PyTorch's FillBackward: zeros for the old values
    () => ({
      others: [],
      needsOld: false,
      saves: SAVES_NONE,
      backward: (g, prev) => [prev.requiresGrad ? fullLike(g, 0) : null],
    }),
    fn === 'zero_' ? 'zerosLike(x)' : 'fullLike(x, value)',
  );
}
