import { type Operand, operands } from '../kernels/binary';
import { div } from '../ops/div';
import { mul } from '../ops/mul';
import { neg } from '../ops/neg';
import { sumTo } from '../ops/sumTo';
import type { Tensor } from '../tensor';
import { inPlace } from './_inPlace';

/**
 * Divides `x` by `y` in place, $x \leftarrow x / y$, and returns `x` — PyTorch's `x.div_(y)`; values equal
 * {@link div}'s. Versions and autograd as described at {@link add_}: the gradient of $x$ is $g / y$, of $y$ it is
 * $-g \odot x_\text{old} / y^2$ (a copy of the old values is kept when `y` requires gradients).
 *
 * @param x - the tensor to modify (on the CPU).
 * @param y - a tensor (broadcast to `x`'s shape, same dtype) or a number.
 * @returns `x`.
 * @example
 * ```ts
 * import { div_, tensor } from '@dl/tensor';
 * div_(tensor([2, 4, 6]), 2).toArray(); // [1, 2, 3]
 * ```
 * @see {@link https://pytorch.org/docs/1.13/generated/torch.Tensor.div_.html | torch.Tensor.div_}
 */
export function div_(x: Tensor, y: Operand): Tensor {
  return inPlace(
    'div_',
    x,
    (t) => div(...operands('div_', t, y)),
    (t) => {
      const [, yt] = operands('div_', t, y);
      const old = yt.requiresGrad;
      return {
        others: [yt],
        needsOld: old,
        saves: old ? 0b11 : 0b10,
        backward: (g, prev) => [
          div(g, yt),
          old ? sumTo(neg(div(mul(g, prev), mul(yt, yt))), yt.shape) : null,
        ],
      };
    },
    'div(x, y)',
  );
}
