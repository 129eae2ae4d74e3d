import { record } from '../autograd/record';
import type { TensorArray } from '../dtype';
import { mapUnary } from '../kernels/unary';
import { pointwiseF32 } from '../kernels/unaryF32';
import type { Tensor } from '../tensor';
import { mul } from './mul';

function squareLoop(src: TensorArray, dst: TensorArray): void {
  if (src instanceof Float32Array) {
    pointwiseF32('square', src, dst as Float32Array);
    return;
  }
  for (let i = 0; i < src.length; i++) {
    const v = src[i]!;
    dst[i] = v * v;
  }
}

/**
 * Elementwise square.
 *
 * $y = x^2$; gradient $2x$.
 *
 * float32 runs in a WebAssembly SIMD kernel for large tensors (one correctly rounded float32 operation a lane, the
 * same values as the JavaScript loop bit for bit).
 *
 * @param x - the input (any dtype).
 * @returns a tensor of `x`'s shape and dtype.
 * @example
 * ```ts
 * import { square, tensor } from '@dl/tensor';
 * square(tensor([-3, 0.5])).toArray(); // [9, 0.25]
 * ```
 * @see {@link https://pytorch.org/docs/1.13/generated/torch.square.html | torch.square}
 */
export function square(x: Tensor): Tensor {
  const out = mapUnary('square', x, squareLoop, false);
  return record('square', out, [x], (g) => [mul(g, mul(x, 2))]);
}
