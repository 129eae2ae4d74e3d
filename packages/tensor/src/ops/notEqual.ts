import type { TensorArray } from '../dtype';
import { binaryKernel, type Operand, operands } from '../kernels/binary';
import { simdLoop } from '../kernels/compareF32';
import { fastBinary } from '../kernels/unary';
import type { Tensor } from '../tensor';
import { floatMask } from './_mask';

function notEqualLoop(x: TensorArray, y: TensorArray, out: TensorArray, xs: number, ys: number): void {
  for (let i = 0, p = 0, q = 0; i < out.length; i++, p += xs, q += ys) out[i] = x[p]! !== y[q]! ? 1 : 0;
}
const notEqualLoopF32 = /* @__PURE__ */ simdLoop('ne', notEqualLoop);

/**
 * Elementwise comparison $a \ne b$ with NumPy broadcasting, as a 0/1 mask.
 *
 * The mask has the inputs' dtype, float32 for int32 inputs (1 where the comparison holds, 0 elsewhere; comparisons with NaN are false
 * except for {@link notEqual}), so it can be multiplied with other tensors or passed to {@link where}. It is
 * not differentiable: the result never requires gradients.
 *
 * @param a - a tensor or a number.
 * @param b - a tensor or a number.
 * @returns a 0/1 tensor of the broadcast shape and the inputs' dtype (float32 for int32 inputs).
 * @example
 * ```ts
 * import { notEqual, tensor } from '@dl/tensor';
 * notEqual(tensor([1, 2, 3]), 2).toArray(); // [1, 0, 1]
 * ```
 * @see {@link https://pytorch.org/docs/1.13/generated/torch.ne.html | torch.ne}
 */
export function notEqual(a: Operand, b: Operand): Tensor {
  const [x, y] = operands('notEqual', a, b);
  return floatMask(
    fastBinary(x, y, notEqualLoopF32) ??
      binaryKernel('notEqual', x, y, (p, q) => (p !== q ? 1 : 0), undefined, 'notEqual'),
  );
}
