import { type Operand, operands } from '../kernels/binary';
import { mul } from '../ops/mul';
import { sumTo } from '../ops/sumTo';
import type { Tensor } from '../tensor';
import { inPlace } from './_inPlace';

/**
 * Multiplies `x` by `y` in place, $x \leftarrow x \odot y$, and returns `x` — PyTorch's `x.mul_(y)`; values
 * equal {@link mul}'s. Versions and autograd as described at {@link add_}: the gradient of $x$ is $g \odot y$
 * (so the backward reads `y`: modifying `y` in place afterwards makes `backward()` throw), and of $y$ it is
 * $g \odot x_\text{old}$ (a copy of the old values is kept when `y` requires gradients).
 *
 * @param x - the tensor to modify (on the CPU).
 * @param y - a tensor (broadcast to `x`'s shape, same dtype) or a number.
 * @returns `x`.
 * @example
 * ```ts
 * import { mul_, tensor } from '@dl/tensor';
 * mul_(tensor([1, 2, 3]), 2).toArray(); // [2, 4, 6]
 * ```
 * @see {@link https://pytorch.org/docs/1.13/generated/torch.Tensor.mul_.html | torch.Tensor.mul_}
 */
export function mul_(x: Tensor, y: Operand): Tensor {
  return inPlace(
    'mul_',
    x,
    (t) => mul(...operands('mul_', t, y)),
    (t) => {
      const [, yt] = operands('mul_', t, y);
      const old = yt.requiresGrad;
      return {
        others: [yt],
        needsOld: old,
        saves: old ? 0b11 : 0b10,
        backward: (g, prev) => [mul(g, yt), old ? sumTo(mul(g, prev), yt.shape) : null],
      };
    },
    'mul(x, y)',
  );
}
