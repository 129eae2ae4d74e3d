import { record } from '../autograd/record';
import type { TensorArray } from '../dtype';
import { mapUnary } from '../kernels/unary';
import { pointwiseF32 } from '../kernels/unaryF32';
import type { Tensor } from '../tensor';
import { fullLike } from './fullLike';

/** @internal sign loop shared with {@link abs}'s backward: 1, -1 or 0 (0 for ±0 and NaN, as PyTorch 1.13 does). */
export function signLoop(src: TensorArray, dst: TensorArray): void {
  if (src instanceof Float32Array) {
    pointwiseF32('sign', src, dst as Float32Array);
    return;
  }
  for (let i = 0; i < src.length; i++) {
    const v = src[i]!;
    dst[i] = v > 0 ? 1 : v < 0 ? -1 : 0;
  }
}

/**
 * Elementwise sign: 1 for positive, -1 for negative, 0 for zero.
 *
 * $y = \operatorname{sgn}(x)$. Like PyTorch 1.13 on CPU, NaN maps to 0. The gradient is zero everywhere.
 *
 * float32 runs in a WebAssembly SIMD kernel for large tensors (one correctly rounded float32 operation a lane, the
 * same values as the JavaScript loop bit for bit).
 *
 * @param x - the input (any dtype).
 * @returns a tensor of `x`'s shape and dtype.
 * @example
 * ```ts
 * import { sign, tensor } from '@dl/tensor';
 * sign(tensor([-3, 0, 2])).toArray(); // [-1, 0, 1]
 * ```
 * @see {@link https://pytorch.org/docs/1.13/generated/torch.sign.html | torch.sign}
 */
export function sign(x: Tensor): Tensor {
  const out = mapUnary('sign', x, signLoop, false);
  return record('sign', out, [x], () => [fullLike(x, 0)]);
}
