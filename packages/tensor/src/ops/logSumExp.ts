import { record } from '../autograd/record';
import { reduceLayout } from '../kernels/reduceAxes';
import { allocUninit } from '../memory/_pool';
import { normalizeAxes } from '../shape';
import { Tensor } from '../tensor';
import { checkFloat } from './_check';
import { expInternal } from './_exp';
import { mul } from './mul';
import { reshape } from './reshape';
import { sub } from './sub';
import { type ReduceOptions, reduceOptions } from './sum';

/**
 * Numerically stable $\log \sum \exp$ over `axis` (all axes by default): the maximum is subtracted before
 * exponentiating, so large inputs do not overflow.
 *
 * $\operatorname{logSumExp}(x) = m + \log \sum_i e^{x_i - m}$, $m = \max_i x_i$; its gradient is
 * $\operatorname{softmax}(x)$.
 *
 * Accuracy vs PyTorch (oracle tests): 1e-6 relative per element plus 1e-6 times the largest magnitude of the
 * compared array, because the result near 0 (and the gradient $e^{x - y}$) is formed by cancellation: small
 * entries carry rounding error on the scale of the operands, and PyTorch rounds that intermediate in float32
 * where this op keeps float64.
 *
 * @param x - a float32 or float64 tensor.
 * @param options - `axis` and `keepDims`; see {@link ReduceOptions}.
 * @returns the reduced tensor.
 * @example
 * ```ts
 * import { logSumExp, tensor } from '@dl/tensor';
 * logSumExp(tensor([1000, 1000])).item(); // 1000.6932
 * logSumExp(tensor([[0, 0], [1, 2]]), { axis: 1 }).toArray(); // [0.6931472, 2.3132617]
 * ```
 * @see {@link https://pytorch.org/docs/1.13/generated/torch.logsumexp.html | torch.logsumexp}
 */
export function logSumExp(x: Tensor, options: ReduceOptions | number | readonly number[] = {}): Tensor {
  const o = reduceOptions(options, 'logSumExp');
  checkFloat('logSumExp', 'x', x);
  const axes = normalizeAxes('logSumExp', o.axis, x.rank);
  const layout = reduceLayout(x, axes);
  const { data: d, outer, reduce: R, inner } = layout;
  const n = outer * inner;
  const data = allocUninit(x.dtype, n);
  if (inner === 1) {
    for (let o = 0; o < outer; o++) {
      const base = o * R;
      let m = Number.NEGATIVE_INFINITY;
      for (let r = 0; r < R; r++) {
        const v = d[base + r]!;
        if (v > m || Number.isNaN(v)) m = v;
      }
      const shift = Number.isFinite(m) ? m : 0;
      let s = 0;
      for (let r = 0; r < R; r++) s += Math.exp(d[base + r]! - shift);
      data[o] = Number.isNaN(m) ? m : shift + Math.log(s);
    }
  } else {
    const m = new Float64Array(inner);
    const s = new Float64Array(inner);
    for (let o = 0; o < outer; o++) {
      const base = o * R * inner;
      m.fill(Number.NEGATIVE_INFINITY);
      s.fill(0);
      for (let r = 0; r < R; r++) {
        const row = base + r * inner;
        for (let i = 0; i < inner; i++) {
          const v = d[row + i]!;
          if (v > m[i]! || Number.isNaN(v)) m[i] = v;
        }
      }
      for (let i = 0; i < inner; i++) if (!Number.isFinite(m[i]!)) m[i] = Number.isNaN(m[i]!) ? m[i]! : 0;
      for (let r = 0; r < R; r++) {
        const row = base + r * inner;
        for (let i = 0; i < inner; i++) s[i]! += Math.exp(d[row + i]! - m[i]!);
      }
      for (let i = 0; i < inner; i++) data[o * inner + i] = m[i]! + Math.log(s[i]!);
    }
  }
  const keepShape = layout.keepShape;
  const outShape = o.keepDims ? keepShape : x.shape.filter((_, i) => !axes.includes(i));
  const out = new Tensor(data, outShape, x.dtype);
  return record('logSumExp', out, [x], (g) => [
    mul(reshape(g, keepShape), expInternal(sub(x, reshape(out, keepShape)))),
  ]);
}
