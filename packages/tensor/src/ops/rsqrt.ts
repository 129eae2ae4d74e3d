import { record } from '../autograd/record';
import type { TensorArray } from '../dtype';
import { mapUnary } from '../kernels/unary';
import type { Tensor } from '../tensor';
import { mul } from './mul';

function rsqrtLoop(src: TensorArray, dst: TensorArray): void {
  for (let i = 0; i < src.length; i++) {
    const v = src[i]!;
    dst[i] = 1 / Math.sqrt(v);
  }
}

/**
 * Elementwise reciprocal square root.
 *
 * $y = 1/\sqrt{x}$; gradient $-\tfrac12 y^3$.
 *
 * @param x - the input (float32 or float64).
 * @returns a tensor of `x`'s shape and dtype.
 * @example
 * ```ts
 * import { rsqrt, tensor } from '@dl/tensor';
 * rsqrt(tensor([4, 16])).toArray(); // [0.5, 0.25]
 * ```
 * @see {@link https://pytorch.org/docs/1.13/generated/torch.rsqrt.html | torch.rsqrt}
 */
export function rsqrt(x: Tensor): Tensor {
  const out = mapUnary('rsqrt', x, rsqrtLoop, true);
  return record('rsqrt', out, [x], (g) => [mul(mul(g, -0.5), mul(out, mul(out, out)))]);
}
