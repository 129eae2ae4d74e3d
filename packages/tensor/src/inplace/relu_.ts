import { SAVES_OUTPUT } from '../autograd/node';
import { mapUnary } from '../kernels/unary';
import { mul } from '../ops/mul';
import { positiveMaskLoop, relu } from '../ops/relu';
import type { Tensor } from '../tensor';
import { inPlace } from './_inPlace';

/**
 * Replaces every element of `x` by $\max(x, 0)$ in place and returns `x` — PyTorch's `x.relu_()` (what
 * `nn.ReLU(inplace=True)` calls); values equal {@link relu}'s. Versions and autograd as described at
 * {@link add_}: the backward reads the result (the mask $x > 0$), so, as in PyTorch, modifying `x` in place again
 * before `backward()` makes it throw.
 *
 * @param x - the tensor to modify (on the CPU).
 * @returns `x`.
 * @example
 * ```ts
 * import { relu_, tensor } from '@dl/tensor';
 * relu_(tensor([-1, 0, 2])).toArray(); // [0, 0, 2]
 * ```
 * @see {@link https://pytorch.org/docs/1.13/generated/torch.relu_.html | torch.relu_}
 */
export function relu_(x: Tensor): Tensor {
  return inPlace(
    'relu_',
    x,
    (t) => relu(t),
    () => ({
      others: [],
      needsOld: false,
      saves: SAVES_OUTPUT,
      backward: (g, _prev, t) => [
        mul(g, mapUnary('relu_', t, positiveMaskLoop, false, 0, 0, 'positiveMask')),
      ],
    }),
    'relu(x)',
  );
}
