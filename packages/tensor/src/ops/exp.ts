import { SAVES_OUTPUT } from '../autograd/node';
import { record } from '../autograd/record';
import type { TensorArray } from '../dtype';
import { expF32 } from '../kernels/expF32';
import { mapUnary } from '../kernels/unary';
import type { Tensor } from '../tensor';
import { mul } from './mul';

function expLoop(src: TensorArray, dst: TensorArray): void {
  // float32 results: the table-driven kernel (same float32 values as Math.exp, about twice as fast)
  if (dst instanceof Float32Array) {
    expF32(src, dst);
    return;
  }
  for (let i = 0; i < src.length; i++) {
    const v = src[i]!;
    dst[i] = Math.exp(v);
  }
}

/**
 * Elementwise exponential.
 *
 * $y = e^{x}$; gradient $\partial y/\partial x = e^{x}$ (the saved output).
 *
 * @param x - the input (float32 or float64).
 * @returns a tensor of `x`'s shape and dtype.
 * @example
 * ```ts
 * import { exp, tensor } from '@dl/tensor';
 * exp(tensor([0, 1])).toArray(); // [1, 2.71828]
 * ```
 * @see {@link https://pytorch.org/docs/1.13/generated/torch.exp.html | torch.exp}
 */
export function exp(x: Tensor): Tensor {
  const out = mapUnary('exp', x, expLoop, true);
  return record('exp', out, [x], (g) => [mul(g, out)], SAVES_OUTPUT);
}
