import { record } from '../autograd/record';
import type { TensorArray } from '../dtype';
import { mapUnary } from '../kernels/unary';
import type { Tensor } from '../tensor';
import { mul } from './mul';
import { neg } from './neg';
import { sin } from './sin';

function cosLoop(src: TensorArray, dst: TensorArray): void {
  for (let i = 0; i < src.length; i++) {
    const v = src[i]!;
    dst[i] = Math.cos(v);
  }
}

/**
 * Elementwise cosine (radians).
 *
 * $y = \cos x$; gradient $-\sin x$.
 *
 * @param x - the input (float32 or float64).
 * @returns a tensor of `x`'s shape and dtype.
 * @example
 * ```ts
 * import { cos, tensor } from '@dl/tensor';
 * cos(tensor([0, Math.PI])).toArray(); // [1, -1]
 * ```
 * @see {@link https://pytorch.org/docs/1.13/generated/torch.cos.html | torch.cos}
 */
export function cos(x: Tensor): Tensor {
  const out = mapUnary('cos', x, cosLoop, true);
  return record('cos', out, [x], (g) => [neg(mul(g, sin(x)))]);
}
