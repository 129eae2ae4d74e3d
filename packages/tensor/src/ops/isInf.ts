import type { TensorArray } from '../dtype';
import { mapUnary } from '../kernels/unary';
import type { Tensor } from '../tensor';
import { floatMask } from './_mask';

function isInfLoop(src: TensorArray, dst: TensorArray): void {
  for (let i = 0; i < src.length; i++) {
    const v = src[i]!;
    dst[i] = v === Number.POSITIVE_INFINITY || v === Number.NEGATIVE_INFINITY ? 1 : 0;
  }
}

/**
 * Elementwise test for $\pm\infty$, as a 0/1 mask.
 *
 * The mask has `x`'s dtype, float32 for an int32 `x` (1 or 0), like the comparison ops; it is not differentiable.
 *
 * @param x - the input (any dtype).
 * @returns a 0/1 tensor of `x`'s shape and dtype (float32 for an int32 `x`).
 * @example
 * ```ts
 * import { isInf, tensor } from '@dl/tensor';
 * isInf(tensor([1, -Infinity, Number.NaN])).toArray(); // [0, 1, 0]
 * ```
 * @see {@link https://pytorch.org/docs/1.13/generated/torch.isinf.html | torch.isinf}
 */
export function isInf(x: Tensor): Tensor {
  return floatMask(mapUnary('isInf', x, isInfLoop, false));
}
