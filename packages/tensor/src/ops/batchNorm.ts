import { defineOptions } from '@dl/internal';
import { SCRATCH, scratchF64 } from '../memory/_scratch';
import { formatShape } from '../shape';
import type { Tensor } from '../tensor';
import { checkFloat } from './_check';
import { normalize } from './_normalize';

/** Options of {@link batchNorm}: PyTorch's `batch_norm` parameters in camelCase. */
export interface BatchNormOptions {
  /**
   * Running mean `[C]`: used in evaluation; in training updated in place (its `data`) to
   * $(1 - \text{momentum})\,\hat\mu + \text{momentum}\,\mu_B$.
   * @defaultValue undefined
   */
  runningMean?: Tensor;
  /**
   * Running variance `[C]`: used in evaluation; in training updated in place with the unbiased batch variance
   * $\sigma_B^2 \cdot m / (m - 1)$ ($m$ values per channel).
   * @defaultValue undefined
   */
  runningVar?: Tensor;
  /**
   * Scale $\gamma$ `[C]`.
   * @defaultValue undefined (1)
   */
  weight?: Tensor;
  /**
   * Shift $\beta$ `[C]`.
   * @defaultValue undefined (0)
   */
  bias?: Tensor;
  /**
   * Use the batch statistics (and update the running ones) instead of the running statistics.
   * @defaultValue false
   */
  training?: boolean;
  /**
   * Weight of the new batch statistics in the running averages.
   * @defaultValue 0.1
   */
  momentum?: number;
  /**
   * Added to the variance before the square root.
   * @defaultValue 1e-5
   */
  eps?: number;
}

const readOptions = /* @__PURE__ */ defineOptions<BatchNormOptions>()('batchNorm', {
  runningMean: undefined,
  runningVar: undefined,
  weight: undefined,
  bias: undefined,
  training: false,
  momentum: 0.1,
  eps: 1e-5,
});

/**
 * Batch normalization over the channel axis 1, as `torch.nn.functional.batch_norm`, fused: the statistics, the
 * normalization and the affine map in two passes, and a backward pass of two more.
 *
 * $y = \dfrac{x - \mu_c}{\sqrt{\sigma_c^2 + \epsilon}}\,\gamma_c + \beta_c$ for channel $c$, where in training
 * $\mu_c$, $\sigma_c^2$ are the mean and biased variance of the channel over the batch and spatial axes (and the
 * running statistics, when given, are updated in place under no autograd), and in evaluation they are
 * `runningMean` / `runningVar`. Gradients flow to `x`, `weight` and `bias`; in training
 * $\nabla_x = \frac{1}{\sqrt{\sigma^2+\epsilon}}\big(g\gamma - \overline{g\gamma} - \hat x\,\overline{g\gamma\hat x}\big)$
 * (means over the channel's values). Statistics and sums accumulate in float64 (each run of the spatial axes
 * summed four ways); large float32 inputs run in WebAssembly SIMD kernels with the same values, bit for bit.
 *
 * @param x - float `[N, C]` or `[N, C, L...]`.
 * @param options - running statistics, affine parameters, `training`, `momentum`, `eps`; see
 *   {@link BatchNormOptions}.
 * @returns a tensor of `x`'s shape.
 * @throws RangeError for mismatched shapes, evaluation without running statistics, a batch of one value per
 *   channel in training; TypeError for wrong types and unknown options.
 * @example
 * ```ts
 * import { batchNorm, tensor, zeros, ones } from '@dl/tensor';
 * const x = tensor([[1, 10], [3, 30]]);
 * const runningMean = zeros([2]);
 * const runningVar = ones([2]);
 * batchNorm(x, { training: true, runningMean, runningVar }).toArray(); // [[-0.999995, -0.9999999], [0.999995, 0.9999999]]
 * runningMean.toArray(); // [0.2, 2]
 * runningVar.toArray(); // [1.1, 20.9]
 * ```
 * @see {@link https://pytorch.org/docs/1.13/generated/torch.nn.functional.batch_norm.html | torch.nn.functional.batch_norm}
 */
export function batchNorm(x: Tensor, options?: BatchNormOptions): Tensor {
  const fn = 'batchNorm';
  checkFloat(fn, 'x', x);
  const o = readOptions(options);
  if (x.rank < 2)
    throw new RangeError(`${fn}: x must be [N, C] or [N, C, L...], got ${formatShape(x.shape)}`);
  const N = x.shape[0]!;
  const C = x.shape[1]!;
  const inner = x.size / Math.max(N * C, 1);
  for (const [name, t] of [
    ['runningMean', o.runningMean],
    ['runningVar', o.runningVar],
    ['weight', o.weight],
    ['bias', o.bias],
  ] as const) {
    if (t === undefined) continue;
    checkFloat(fn, name, t);
    if (t.rank !== 1 || t.shape[0] !== C || t.dtype !== x.dtype) {
      throw new RangeError(
        `${fn}: ${name} must be a ${x.dtype} tensor of shape [${C}], got ${t.dtype} ${formatShape(t.shape)}`,
      );
    }
  }
  if (typeof o.training !== 'boolean')
    throw new TypeError(`${fn}: training must be a boolean, got ${String(o.training)}`);
  if (typeof o.momentum !== 'number' || !(o.momentum >= 0 && o.momentum <= 1)) {
    throw new RangeError(`${fn}: momentum must be in [0, 1], got ${String(o.momentum)}`);
  }
  if (typeof o.eps !== 'number' || !(o.eps >= 0)) {
    throw new RangeError(`${fn}: eps must be a non-negative number, got ${String(o.eps)}`);
  }
  const count = N * inner;
  const axes = [0, ...Array.from({ length: x.rank - 2 }, (_, i) => i + 2)];
  const layout = {
    outer: N,
    groups: C,
    inner,
    perGroup: true,
    axes,
    paramAxes: axes,
    affineShape: [1, C, ...Array.from({ length: x.rank - 2 }, () => 1)],
  };
  if (!o.training) {
    if (o.runningMean === undefined || o.runningVar === undefined) {
      throw new RangeError(`${fn}: evaluation (training: false) needs runningMean and runningVar`);
    }
    return normalize(
      fn,
      x,
      layout,
      o.weight,
      o.bias,
      o.eps,
      { mean: o.runningMean.data, variance: o.runningVar.data },
      null,
    );
  }
  if (count <= 1) {
    throw new RangeError(
      `${fn}: training needs more than one value per channel, got input of shape ${formatShape(x.shape)}`,
    );
  }
  // the batch statistics, read back below into the running ones: scratch arrays (not kept)
  const stats = {
    mean: scratchF64(SCRATCH.normStatsMean, C),
    variance: scratchF64(SCRATCH.normStatsVariance, C),
  };
  const y = normalize(fn, x, layout, o.weight, o.bias, o.eps, null, stats);
  const m = o.momentum;
  if (o.runningMean !== undefined) {
    const rm = o.runningMean.data;
    for (let c = 0; c < C; c++) rm[c] = (1 - m) * rm[c]! + m * stats.mean[c]!;
  }
  if (o.runningVar !== undefined) {
    const rv = o.runningVar.data;
    const unbias = count / (count - 1);
    for (let c = 0; c < C; c++) rv[c] = (1 - m) * rv[c]! + m * stats.variance[c]! * unbias;
  }
  return y;
}
