import type { TensorArray } from '../dtype';
import { mapUnary } from '../kernels/unary';
import type { Tensor } from '../tensor';
import { floatMask } from './_mask';

function isNanLoop(src: TensorArray, dst: TensorArray): void {
  for (let i = 0; i < src.length; i++) {
    const v = src[i]!;
    dst[i] = Number.isNaN(v) ? 1 : 0;
  }
}

/**
 * Elementwise test for NaN, as a 0/1 mask.
 *
 * $y = \mathbf{1}[x \text{ is NaN}]$. The mask has `x`'s dtype, float32 for an int32 `x` (1 or 0), like the comparison ops; it is not differentiable.
 *
 * @param x - the input (any dtype).
 * @returns a 0/1 tensor of `x`'s shape and dtype (float32 for an int32 `x`).
 * @example
 * ```ts
 * import { isNan, tensor } from '@dl/tensor';
 * isNan(tensor([1, Number.NaN])).toArray(); // [0, 1]
 * ```
 * @see {@link https://pytorch.org/docs/1.13/generated/torch.isnan.html | torch.isnan}
 */
export function isNan(x: Tensor): Tensor {
  return floatMask(mapUnary('isNan', x, isNanLoop, false));
}
