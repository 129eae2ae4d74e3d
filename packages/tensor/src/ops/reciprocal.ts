import { record } from '../autograd/record';
import type { TensorArray } from '../dtype';
import { mapUnary } from '../kernels/unary';
import { pointwiseF32 } from '../kernels/unaryF32';
import type { Tensor } from '../tensor';
import { mul } from './mul';
import { neg } from './neg';

function reciprocalLoop(src: TensorArray, dst: TensorArray): void {
  if (src instanceof Float32Array) {
    pointwiseF32('reciprocal', src, dst as Float32Array);
    return;
  }
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
 * float32 runs in a WebAssembly SIMD kernel for large tensors (one correctly rounded float32 operation a lane, the
 * same values as the JavaScript loop bit for bit).
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
