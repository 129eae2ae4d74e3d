import { record } from '../autograd/record';
import type { TensorArray } from '../dtype';
import { mapUnary } from '../kernels/unary';
import { pointwiseF32 } from '../kernels/unaryF32';
import type { Tensor } from '../tensor';
import { div } from './div';
import { mul } from './mul';

function sqrtLoop(src: TensorArray, dst: TensorArray): void {
  if (src instanceof Float32Array) {
    pointwiseF32('sqrt', src, dst as Float32Array);
    return;
  }
  for (let i = 0; i < src.length; i++) {
    const v = src[i]!;
    dst[i] = Math.sqrt(v);
  }
}

/**
 * Elementwise square root.
 *
 * $y = \sqrt{x}$ (NaN below 0); gradient $1/(2\sqrt{x})$ ($+\infty$ at 0, like PyTorch).
 *
 * float32 runs in a WebAssembly SIMD kernel for large tensors (one correctly rounded float32 operation a lane, the
 * same values as the JavaScript loop bit for bit).
 *
 * @param x - the input (float32 or float64).
 * @returns a tensor of `x`'s shape and dtype.
 * @example
 * ```ts
 * import { sqrt, tensor } from '@dl/tensor';
 * sqrt(tensor([4, 9])).toArray(); // [2, 3]
 * ```
 * @see {@link https://pytorch.org/docs/1.13/generated/torch.sqrt.html | torch.sqrt}
 */
export function sqrt(x: Tensor): Tensor {
  const out = mapUnary('sqrt', x, sqrtLoop, true);
  return record('sqrt', out, [x], (g) => [div(g, mul(out, 2))]);
}
