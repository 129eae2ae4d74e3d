import { record } from '../autograd/record';
import type { TensorArray } from '../dtype';
import { mapUnary } from '../kernels/unary';
import type { Tensor } from '../tensor';
import { mul } from './mul';
import { neg } from './neg';

function reciprocalLoop(src: TensorArray, dst: TensorArray): void {
  for (let i = 0; i < src.length; i++) {
    const v = src[i]!;
    dst[i] = 1 / v;
  }
}

/**
 * Elementwise reciprocal.
 *
 * $y = 1/x$ ($\pm\infty$ at $\pm 0$); gradient $-y^2$.
 *
 * @param x - the input (float32 or float64).
 * @returns a tensor of `x`'s shape and dtype.
 * @example
 * ```ts
 * import { reciprocal, tensor } from '@dl/tensor';
 * reciprocal(tensor([2, -4])).toArray(); // [0.5, -0.25]
 * ```
 * @see {@link https://pytorch.org/docs/1.13/generated/torch.reciprocal.html | torch.reciprocal}
 */
export function reciprocal(x: Tensor): Tensor {
  const out = mapUnary('reciprocal', x, reciprocalLoop, true);
  return record('reciprocal', out, [x], (g) => [neg(mul(g, mul(out, out)))]);
}
