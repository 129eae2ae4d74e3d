import type { TensorArray } from '../dtype';
import { binaryKernel, type Operand, operands } from '../kernels/binary';
import { simdLoop } from '../kernels/compareF32';
import { fastBinary } from '../kernels/unary';
import type { Tensor } from '../tensor';
import { floatMask } from './_mask';

function greaterEqualLoop(x: TensorArray, y: TensorArray, out: TensorArray, xs: number, ys: number): void {
  for (let i = 0, p = 0, q = 0; i < out.length; i++, p += xs, q += ys) out[i] = x[p]! >= y[q]! ? 1 : 0;
}
const greaterEqualLoopF32 = /* @__PURE__ */ simdLoop('ge', greaterEqualLoop);

/**
 * Elementwise comparison $a \ge b$ with NumPy broadcasting, as a 0/1 mask.
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
 * import { greaterEqual, tensor } from '@dl/tensor';
 * greaterEqual(tensor([1, 2, 3]), 2).toArray(); // [0, 1, 1]
 * ```
 * @see {@link https://pytorch.org/docs/1.13/generated/torch.ge.html | torch.ge}
 */
export function greaterEqual(a: Operand, b: Operand): Tensor {
  const [x, y] = operands('greaterEqual', a, b);
  return floatMask(
    fastBinary(x, y, greaterEqualLoopF32) ??
      binaryKernel('greaterEqual', x, y, (p, q) => (p >= q ? 1 : 0), undefined, 'greaterEqual'),
  );
}
