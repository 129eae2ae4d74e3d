import { record } from '../autograd/record';
import { type Operand, scalarLike } from '../kernels/binary';
import { whereKernel } from '../kernels/unary';
import { Tensor } from '../tensor';
import { checkTensor } from './_check';
import { sumTo } from './sumTo';

/**
 * Chooses elementwise between `a` and `b`: `a` where `condition` is non-zero, `b` elsewhere, with NumPy
 * broadcasting of all three.
 *
 * $y_i = \begin{cases} a_i & c_i \ne 0 \\ b_i & c_i = 0 \end{cases}$. Differentiable in `a` and `b` (the
 * gradient flows to the chosen side, and is summed back over broadcast dimensions); `condition` is a mask of
 * any dtype, such as the 0/1 output of {@link greater}, and gets no gradient.
 *
 * Unlike the team's rule of an options object beyond two parameters, this keeps PyTorch's positional
 * `where(condition, input, other)` signature.
 *
 * @param condition - the mask (any dtype; non-zero means true).
 * @param a - the values where the mask is true: a tensor, or a number.
 * @param b - the values where the mask is false: a tensor, or a number (at least one of `a`, `b` is a tensor,
 *   and two tensors must share a dtype).
 * @returns a tensor of the broadcast shape and the dtype of `a` and `b`.
 * @example
 * ```ts
 * import { greater, tensor, where } from '@dl/tensor';
 * const x = tensor([-1, 2, -3]);
 * where(greater(x, 0), x, 0).toArray(); // [0, 2, 0]
 * ```
 * @see {@link https://pytorch.org/docs/1.13/generated/torch.where.html | torch.where}
 */
export function where(condition: Tensor, a: Operand, b: Operand): Tensor {
  const cond = checkTensor('where', 'condition', condition);
  if (typeof a === 'number' && typeof b === 'number') {
    throw new TypeError('where: at least one of a and b must be a Tensor, got two numbers');
  }
  if (typeof a !== 'number' && !(a instanceof Tensor)) checkTensor('where', 'a', a);
  if (typeof b !== 'number' && !(b instanceof Tensor)) checkTensor('where', 'b', b);
  const ta = typeof a === 'number' ? scalarLike(a, b as Tensor) : a;
  const tb = typeof b === 'number' ? scalarLike(b, ta) : b;
  if (ta.dtype !== tb.dtype) {
    throw new TypeError(
      `where: dtypes of a and b differ: ${ta.dtype} and ${tb.dtype}; convert one with cast() first`,
    );
  }
  const out = whereKernel('where', cond, ta, tb);
  return record('where', out, [ta, tb], (g) => [
    ta.requiresGrad ? sumTo(where(cond, g, 0), ta.shape) : null,
    tb.requiresGrad ? sumTo(where(cond, 0, g), tb.shape) : null,
  ]);
}
