import { record } from '../autograd/record';
import type { Tensor } from '../tensor';
import { expInternal } from './_exp';
import { softmaxBackwardF32, softmaxKernel } from './_softmaxKernel';
import { mul } from './mul';
import { type SoftmaxOptions, softmaxOptions } from './softmax';
import { sub } from './sub';
import { sum } from './sum';

/**
 * Numerically stable log-softmax along `axis`, computed directly (not as `log(softmax(x))`), so it stays finite
 * for large inputs.
 *
 * $\operatorname{logSoftmax}(x)_i = x_i - m - \log \sum_j e^{x_j - m}$, $m = \max_j x_j$; the gradient is
 * $g - e^{y} \sum_j g_j$ with $y = \operatorname{logSoftmax}(x)$.
 *
 * Accuracy vs PyTorch (oracle tests): 1e-6 relative per element plus 1e-6 times the largest magnitude of the
 * compared array, because the output $x_i - m - \log\sum_j e^{x_j - m}$ (and its gradient) is formed by
 * cancellation: small entries carry rounding error on the scale of the operands, and PyTorch rounds that
 * intermediate in float32 where this op keeps float64.
 *
 * @param x - a float32 or float64 tensor.
 * @param options - `axis` (default -1); see {@link SoftmaxOptions}.
 * @returns a tensor of `x`'s shape.
 * @example
 * ```ts
 * import { logSoftmax, tensor } from '@dl/tensor';
 * logSoftmax(tensor([0, 0])).toArray(); // [-0.6931472, -0.6931472]
 * logSoftmax(tensor([0, 1000])).toArray(); // [-1000, 0]
 * ```
 * @see {@link https://pytorch.org/docs/1.13/generated/torch.nn.functional.log_softmax.html | torch.nn.functional.log_softmax}
 */
export function logSoftmax(x: Tensor, options: SoftmaxOptions | number = {}): Tensor {
  const o = softmaxOptions(options, 'logSoftmax');
  const { out, axis } = softmaxKernel('logSoftmax', x, o.axis, true);
  return record('logSoftmax', out, [x], (g) => {
    const fused = softmaxBackwardF32(g, out, axis, true);
    if (fused !== null) return [fused];
    const total = x.rank === 0 ? g : sum(g, { axis, keepDims: true });
    return [sub(g, mul(expInternal(out), total))];
  });
}
