import type { TensorArray } from '../dtype';
import { binaryKernel, type Operand, operands } from '../kernels/binary';
import { simdLoop } from '../kernels/compareF32';
import { fastBinary } from '../kernels/unary';
import type { Tensor } from '../tensor';
import { recordExtremum } from './_extremum';

function maximumLoop(x: TensorArray, y: TensorArray, out: TensorArray, xs: number, ys: number): void {
  for (let i = 0, j = 0, k = 0; i < out.length; i++, j += xs, k += ys) {
    const p = x[j]!;
    const q = y[k]!;
    out[i] = p > q || Number.isNaN(p) ? p : q;
  }
}

const maximumF32 = /* @__PURE__ */ simdLoop('max', maximumLoop);

/**
 * Elementwise maximum of two tensors (or a tensor and a number) with NumPy broadcasting; NaN propagates.
 *
 * $y = \max(a, b)$. Gradient as in PyTorch 1.13: the upstream gradient goes to the larger operand; on a tie
 * ($a = b$) it is split in half between them.
 *
 * @param a - a tensor or a number.
 * @param b - a tensor or a number.
 * @returns a tensor of the broadcast shape.
 * @example
 * ```ts
 * import { maximum, tensor } from '@dl/tensor';
 * maximum(tensor([1, 5, 3]), tensor([4, 2, 3])).toArray(); // [4, 5, 3]
 * ```
 * @see {@link https://pytorch.org/docs/1.13/generated/torch.maximum.html | torch.maximum}
 */
export function maximum(a: Operand, b: Operand): Tensor {
  const [x, y] = operands('maximum', a, b);
  const out =
    fastBinary(x, y, maximumF32) ??
    binaryKernel('maximum', x, y, (p, q) => (p > q || Number.isNaN(p) ? p : q), undefined, 'maximum');
  return recordExtremum('maximum', out, x, y);
}
