import { record } from '../autograd/record';
import type { TensorArray } from '../dtype';
import { mapUnary } from '../kernels/unary';
import { pointwiseF32 } from '../kernels/unaryF32';
import type { Tensor } from '../tensor';
import { mul } from './mul';
import { signLoop } from './sign';

function absLoop(src: TensorArray, dst: TensorArray): void {
  if (src instanceof Float32Array) {
    pointwiseF32('abs', src, dst as Float32Array);
    return;
  }
  for (let i = 0; i < src.length; i++) {
    const v = src[i]!;
    dst[i] = v < 0 ? -v : v === 0 ? 0 : v;
  }
}

/**
 * Elementwise absolute value.
 *
 * $y = |x|$; gradient $\operatorname{sgn}(x)$, which is 0 at $x = 0$ (PyTorch's subgradient choice).
 *
 * float32 runs in a WebAssembly SIMD kernel for large tensors (one correctly rounded float32 operation a lane, the
 * same values as the JavaScript loop bit for bit).
 *
 * @param x - the input (any dtype).
 * @returns a tensor of `x`'s shape and dtype.
 * @example
 * ```ts
 * import { abs, tensor } from '@dl/tensor';
 * abs(tensor([-2, 0, 3])).toArray(); // [2, 0, 3]
 * ```
 * @see {@link https://pytorch.org/docs/1.13/generated/torch.abs.html | torch.abs}
 */
export function abs(x: Tensor): Tensor {
  const out = mapUnary('abs', x, absLoop, false);
  return record('abs', out, [x], (g) => [mul(g, mapUnary('abs', x, signLoop, false, 0, 0, 'sign'))]);
}
