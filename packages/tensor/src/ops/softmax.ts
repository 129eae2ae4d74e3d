import { defineOptions } from '@dl/internal';
import { isGradEnabled } from '../autograd/gradMode';
import { record } from '../autograd/record';
import { allocUninit } from '../memory/_pool';
import { Tensor } from '../tensor';
import { softmaxBackwardF32, softmaxKernel } from './_softmaxKernel';
import { mul } from './mul';
import { sub } from './sub';
import { sum } from './sum';

/** Options of {@link softmax} and {@link logSoftmax}. */
export interface SoftmaxOptions {
  /**
   * The axis along which the outputs sum to one (negative counts from the end).
   * @defaultValue -1
   */
  axis?: number;
}

/** @internal The checker of {@link SoftmaxOptions}; a bare number is the axis (PyTorch's `dim`). */
export const softmaxOptions = /* @__PURE__ */ defineOptions<SoftmaxOptions>()(
  'softmax',
  { axis: -1 },
  { positional: 'axis' },
);

/**
 * Numerically stable softmax along `axis`: the slice maximum is subtracted before exponentiating.
 *
 * $\operatorname{softmax}(x)_i = \frac{e^{x_i - m}}{\sum_j e^{x_j - m}}$, $m = \max_j x_j$; the gradient is
 * $y \odot (g - \sum_j g_j y_j)$ with $y = \operatorname{softmax}(x)$ (along the last axis one fused pass per row, the
 * dot product in float64 and the result rounded once; built from differentiable ops when the backward pass is
 * itself recorded).
 *
 * Accuracy vs PyTorch (oracle tests): 1e-6 relative per element plus 1e-6 times the largest magnitude of the
 * compared array, because the gradient $g - \sum_j g_j y_j$ is formed by cancellation: small entries carry
 * rounding error on the scale of the operands, and PyTorch rounds that intermediate in float32 where this op
 * keeps float64.
 *
 * float32 along a contiguous last axis: the exponentials are computed in float32 (Cody–Waite reduction and a
 * degree-5 minimax polynomial, at most 2 ulp from the correctly rounded $e^x$), four lanes at a time in WebAssembly, with
 * a `Math.fround` emulation giving the same bits in JavaScript; their sum is float32 (eight partial sums) and so is
 * the scale.
 *
 * @param x - a float32 or float64 tensor.
 * @param options - `axis` (default -1); see {@link SoftmaxOptions}.
 * @returns a tensor of `x`'s shape whose slices along `axis` sum to 1.
 * @example
 * ```ts
 * import { softmax, tensor } from '@dl/tensor';
 * softmax(tensor([1, 2, 3])).toArray(); // [0.09003056, 0.24472848, 0.66524094]
 * softmax(tensor([[1000, 1000]])).toArray(); // [[0.5, 0.5]]
 * ```
 * @see {@link https://pytorch.org/docs/1.13/generated/torch.nn.functional.softmax.html | torch.nn.functional.softmax}
 */
export function softmax(x: Tensor, options: SoftmaxOptions | number = {}): Tensor {
  const o = softmaxOptions(options, 'softmax');
  const { out, axis } = softmaxKernel('softmax', x, o.axis, false);
  return record('softmax', out, [x], (g) => {
    const fused = softmaxBackwardF32(g, out, axis, false);
    if (fused !== null) return [fused];
    if (!isGradEnabled() && x.rank > 0 && axis === x.rank - 1 && out.storage === null && g.storage === null) {
      // fused backward over contiguous rows: the row's dot product g . y in float64, then y (g - dot), rounded once
      const C = x.shape[axis]!;
      const y = out.data;
      const gd = g.data;
      const dx = allocUninit(x.dtype, x.size);
      for (let base = 0; base < dx.length; base += C) {
        let dot = 0;
        for (let i = base; i < base + C; i++) dot += gd[i]! * y[i]!;
        for (let i = base; i < base + C; i++) dx[i] = y[i]! * (gd[i]! - dot);
      }
      return [new Tensor(dx, x.shape, x.dtype)];
    }
    const dot = x.rank === 0 ? mul(g, out) : sum(mul(g, out), { axis, keepDims: true });
    return [mul(out, sub(g, dot))];
  });
}
