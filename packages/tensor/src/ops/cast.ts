import { describe } from '@dl/internal';
import { record } from '../autograd/record';
import type { DType } from '../dtype';
import { allocUninit } from '../memory/_pool';
import { Tensor } from '../tensor';
import { checkTensor } from './_check';

/**
 * Converts `x` to `dtype`. Float to int32 truncates toward zero; NaN, ±Infinity and values whose truncation lies
 * outside $[-2^{31}, 2^{31})$ are a RangeError naming the first such element (they have no int32 value; PyTorch's
 * result there is platform-dependent, e.g. $-2^{31}$ on x86). Float64 to float32 rounds to nearest. Returns `x` itself when it already has `dtype` (like `Tensor.to`).
 *
 * $y_i = \operatorname{dtype}(x_i)$; between float types the gradient is $g$ cast back, and an int32 result is
 * not differentiable.
 *
 * @param x - the input.
 * @param dtype - `'float32'`, `'float64'` or `'int32'`.
 * @returns the converted tensor.
 * @example
 * ```ts
 * import { cast, tensor } from '@dl/tensor';
 * cast(tensor([1.7, -1.7]), 'int32').toArray(); // [1, -1]
 * cast(tensor([1, 2], { dtype: 'int32' }), 'float64').dtype; // 'float64'
 * ```
 * @see {@link https://pytorch.org/docs/1.13/generated/torch.Tensor.to.html | torch.Tensor.to}
 */
export function cast(x: Tensor, dtype: DType): Tensor {
  checkTensor('cast', 'x', x);
  if (dtype !== 'float32' && dtype !== 'float64' && dtype !== 'int32') {
    throw new TypeError(`cast: dtype must be 'float32', 'float64' or 'int32', got ${describe(dtype)}`);
  }
  if (x.dtype === dtype) return x;
  const out = allocUninit(dtype, x.size);
  if (dtype === 'int32') {
    const d = x.data;
    for (let i = 0; i < d.length; i++) {
      const v = Math.trunc(d[i]!);
      // NaN fails both comparisons' negation: !(v >= lo && v < hi)
      if (!(v >= -2147483648 && v < 2147483648)) {
        throw new RangeError(
          `cast: x holds ${d[i]} at flat index ${i}, which has no int32 value (int32 holds integers in [-2^31, 2^31))`,
        );
      }
      out[i] = v;
    }
    return new Tensor(out, x.shape, dtype);
  }
  out.set(x.data);
  const from = x.dtype;
  return record('cast', new Tensor(out, x.shape, dtype), [x], (g) => [cast(g, from)]);
}
