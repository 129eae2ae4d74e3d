import type { TensorArray } from '../dtype';
import { mapUnary } from '../kernels/unary';
import type { Tensor } from '../tensor';
import { floatMask } from './_mask';

function isFiniteMaskLoop(src: TensorArray, dst: TensorArray): void {
  for (let i = 0; i < src.length; i++) {
    const v = src[i]!;
    dst[i] = v - v === 0 ? 1 : 0;
  }
}

/**
 * Elementwise test for a finite value (neither NaN nor $\pm\infty$), as a 0/1 mask.
 *
 * The mask has `x`'s dtype, float32 for an int32 `x` (1 or 0), like the comparison ops; it is not differentiable.
 *
 * @param x - the input (any dtype).
 * @returns a 0/1 tensor of `x`'s shape and dtype (float32 for an int32 `x`).
 * @example
 * ```ts
 * import { isFiniteMask, tensor } from '@dl/tensor';
 * isFiniteMask(tensor([1, Infinity, Number.NaN])).toArray(); // [1, 0, 0]
 * ```
 * @see {@link https://pytorch.org/docs/1.13/generated/torch.isfinite.html | torch.isfinite}
 */
export function isFiniteMask(x: Tensor): Tensor {
  return floatMask(mapUnary('isFiniteMask', x, isFiniteMaskLoop, false));
}
