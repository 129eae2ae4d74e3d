import { record } from '../autograd/record';
import type { TensorArray } from '../dtype';
import { mapUnary } from '../kernels/unary';
import type { Tensor } from '../tensor';
import { cos } from './cos';
import { mul } from './mul';

function sinLoop(src: TensorArray, dst: TensorArray): void {
  for (let i = 0; i < src.length; i++) {
    const v = src[i]!;
    dst[i] = Math.sin(v);
  }
}

/**
 * Elementwise sine (radians).
 *
 * $y = \sin x$; gradient $\cos x$.
 *
 * @param x - the input (float32 or float64).
 * @returns a tensor of `x`'s shape and dtype.
 * @example
 * ```ts
 * import { sin, tensor } from '@dl/tensor';
 * sin(tensor([0, Math.PI / 2])).toArray(); // [0, 1]
 * ```
 * @see {@link https://pytorch.org/docs/1.13/generated/torch.sin.html | torch.sin}
 */
export function sin(x: Tensor): Tensor {
  const out = mapUnary('sin', x, sinLoop, true);
  return record('sin', out, [x], (g) => [mul(g, cos(x))]);
}
