import type { TensorArray } from '../dtype';
import { binaryKernel, type Operand, operands } from '../kernels/binary';
import { simdLoop } from '../kernels/compareF32';
import { fastBinary } from '../kernels/unary';
import type { Tensor } from '../tensor';
import { floatMask } from './_mask';

function equalLoop(x: TensorArray, y: TensorArray, out: TensorArray, xs: number, ys: number): void {
  for (let i = 0, p = 0, q = 0; i < out.length; i++, p += xs, q += ys) out[i] = x[p]! === y[q]! ? 1 : 0;
}
const equalLoopF32 = /* @__PURE__ */ simdLoop('eq', equalLoop);

/**
 * Elementwise comparison $a = b$ with NumPy broadcasting, as a 0/1 mask.
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
 * import { argmax, equal, mean, tensor } from '@dl/tensor';
 * equal(tensor([1, 2, 3]), 2).toArray(); // [0, 1, 0]
 * // accuracy: int32 predictions and labels give a float32 mask, so mean works directly
 * const logits = tensor([[0.1, 2], [3, 0.5], [0.2, 0.1]]);
 * const labels = tensor([1, 0, 1], { dtype: 'int32' });
 * equal(argmax(logits, { axis: 1 }), labels).dtype; // 'float32'
 * mean(equal(argmax(logits, { axis: 1 }), labels)).item(); // 0.6666667
 * ```
 * @see {@link https://pytorch.org/docs/1.13/generated/torch.eq.html | torch.eq}
 */
export function equal(a: Operand, b: Operand): Tensor {
  const [x, y] = operands('equal', a, b);
  return floatMask(
    fastBinary(x, y, equalLoopF32) ??
      binaryKernel('equal', x, y, (p, q) => (p === q ? 1 : 0), undefined, 'equal'),
  );
}
