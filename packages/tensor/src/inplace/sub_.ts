import { SAVES_NONE } from '../autograd/node';
import { type Operand, operands } from '../kernels/binary';
import { neg } from '../ops/neg';
import { sub } from '../ops/sub';
import { sumTo } from '../ops/sumTo';
import type { Tensor } from '../tensor';
import { inPlace } from './_inPlace';

/**
 * Subtracts `y` from `x` in place, $x \leftarrow x - y$, and returns `x` — PyTorch's `x.sub_(y)`; values equal
 * {@link sub}'s. Versions and autograd as described at {@link add_}.
 *
 * @param x - the tensor to modify (on the CPU).
 * @param y - a tensor (broadcast to `x`'s shape, same dtype) or a number.
 * @returns `x`.
 * @example
 * ```ts
 * import { sub_, tensor } from '@dl/tensor';
 * sub_(tensor([1, 2, 3]), tensor([1, 1, 1])).toArray(); // [0, 1, 2]
 * ```
 * @see {@link https://pytorch.org/docs/1.13/generated/torch.Tensor.sub_.html | torch.Tensor.sub_}
 */
export function sub_(x: Tensor, y: Operand): Tensor {
  return inPlace(
    'sub_',
    x,
    (t) => sub(...operands('sub_', t, y)),
    (t) => {
      const [, yt] = operands('sub_', t, y);
      return {
        others: [yt],
        needsOld: false,
        saves: SAVES_NONE,
        backward: (g) => [g, yt.requiresGrad ? sumTo(neg(g), yt.shape) : null],
      };
    },
    'sub(x, y)',
  );
}
