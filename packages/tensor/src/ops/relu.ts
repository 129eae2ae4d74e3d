import { record } from '../autograd/record';
import type { TensorArray } from '../dtype';
import { mapUnary } from '../kernels/unary';
import type { Tensor } from '../tensor';
import { mul } from './mul';

function reluLoop(src: TensorArray, dst: TensorArray): void {
  for (let i = 0; i < src.length; i++) {
    const v = src[i]!;
    dst[i] = Math.max(v, 0); // NaN passes through, as in PyTorch
  }
}

/** @internal 1 where x > 0, else 0 (also at 0 and for NaN). */
export function positiveMaskLoop(src: TensorArray, dst: TensorArray): void {
  for (let i = 0; i < src.length; i++) dst[i] = src[i]! > 0 ? 1 : 0;
}

/**
 * Rectified linear unit.
 *
 * $y = \max(x, 0)$ (NaN stays NaN); gradient 1 for $x > 0$ and 0 for $x \le 0$ — PyTorch's choice
 * $\operatorname{relu}'(0) = 0$.
 *
 * @param x - the input (any dtype).
 * @returns a tensor of `x`'s shape and dtype.
 * @example
 * ```ts
 * import { relu, tensor } from '@dl/tensor';
 * relu(tensor([-1, 0, 2])).toArray(); // [0, 0, 2]
 * ```
 * @see {@link https://pytorch.org/docs/1.13/generated/torch.nn.ReLU.html | torch.nn.ReLU}
 */
export function relu(x: Tensor): Tensor {
  const out = mapUnary('relu', x, reluLoop, false);
  return record('relu', out, [x], (g) => [mul(g, mapUnary('relu', x, positiveMaskLoop, false))]);
}
