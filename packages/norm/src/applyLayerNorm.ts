import { defineOptions } from '@dl/internal';
import { add, layerNorm as fusedLayerNorm, mean, mul, rsqrt, sub, type Tensor, variance } from '@dl/tensor';
import {
  checkFloatTensor,
  checkNormalizedShape,
  checkOptionalParam,
  checkPositive,
  checkTrailing,
} from './internal/checks';

/** Options of {@link applyLayerNorm}. */
export interface ApplyLayerNormOptions {
  /**
   * The scale $\gamma$, of shape `normalizedShape`; `null` for none.
   * @defaultValue null
   */
  weight?: Tensor | null;
  /**
   * The shift $\beta$, of shape `normalizedShape`; `null` for none.
   * @defaultValue null
   */
  bias?: Tensor | null;
  /**
   * Added to the variance inside the square root (Keras and TensorFlow.js use 1e-3).
   * @defaultValue 1e-5
   */
  eps?: number;
}

const layerNormOptions = /* @__PURE__ */ defineOptions<ApplyLayerNormOptions>()('applyLayerNorm', {
  weight: null,
  bias: null,
  eps: 1e-5,
});

/** @internal The checked core of layer normalization, shared with the layer. */
export function layerNormCore(
  fn: string,
  x: Tensor,
  normalized: readonly number[],
  o: Required<ApplyLayerNormOptions> & { fused?: boolean },
): Tensor {
  checkTrailing(fn, x, normalized);
  const what = 'normalizedShape';
  const w = checkOptionalParam(fn, 'weight', o.weight, normalized, what);
  const b = checkOptionalParam(fn, 'bias', o.bias, normalized, what);
  const eps = checkPositive(fn, 'eps', o.eps);
  if (o.fused !== false && [w, b].every((t) => t === null || t.dtype === x.dtype)) {
    // @dl/tensor's fused kernel: statistics and normalize-scale-shift in two passes, one backward.
    return fusedLayerNorm(x, normalized, { weight: w ?? undefined, bias: b ?? undefined, eps });
  }
  // Composed from differentiable ops: the oracle of the fused path.
  const axes = normalized.map((_, i) => x.rank - normalized.length + i);
  const mu = mean(x, { axis: axes, keepDims: true });
  const v = variance(x, { axis: axes, keepDims: true, correction: 0 });
  let y = mul(sub(x, mu), rsqrt(add(v, eps)));
  if (w !== null) y = mul(y, w);
  if (b !== null) y = add(y, b);
  return y;
}

/**
 * Layer normalization as a pure function (PyTorch's `F.layer_norm`), under {@link LayerNorm}: each sample is
 * normalized over its trailing `normalizedShape` dimensions,
 * $$y = \gamma \odot \frac{x - \mu}{\sqrt{\sigma^2 + \epsilon}} + \beta,$$
 * $\mu, \sigma^2$ the mean and biased variance over those dimensions. No running statistics: training and
 * evaluation compute the same thing, and batch size 1 is fine.
 *
 * @param x - input `[..., ...normalizedShape]`.
 * @param normalizedShape - the trailing dimensions to normalize over (an integer for the last one).
 * @param options - see {@link ApplyLayerNormOptions}.
 * @returns the normalized tensor.
 * @example
 * ```ts
 * import { tensor } from '@dl/tensor';
 * import { applyLayerNorm } from '@dl/norm';
 * applyLayerNorm(tensor([[1, 3], [5, 5]]), 2).toArray(); // [[-0.999995, 0.999995], [0, 0]]
 * ```
 * @see https://pytorch.org/docs/1.13/generated/torch.nn.functional.layer_norm.html
 */
export function applyLayerNorm(
  x: Tensor,
  normalizedShape: number | readonly number[],
  options?: ApplyLayerNormOptions,
): Tensor {
  const fn = 'applyLayerNorm';
  const o = layerNormOptions(options);
  return layerNormCore(
    fn,
    checkFloatTensor(fn, 'x', x),
    checkNormalizedShape(fn, normalizedShape),
    o as Required<ApplyLayerNormOptions>,
  );
}
