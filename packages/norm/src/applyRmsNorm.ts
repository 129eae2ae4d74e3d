import { defineOptions } from '@dl/internal';
import { add, mean, mul, rsqrt, square, type Tensor } from '@dl/tensor';
import {
  checkFloatTensor,
  checkNormalizedShape,
  checkOptionalParam,
  checkPositive,
  checkTrailing,
} from './internal/checks';

/** Options of {@link applyRmsNorm}. */
export interface ApplyRmsNormOptions {
  /**
   * The scale $\gamma$, of shape `normalizedShape`; `null` for none.
   * @defaultValue null
   */
  weight?: Tensor | null;
  /**
   * Added to the mean square inside the square root; `null` is the machine epsilon of the input's dtype
   * (PyTorch's `eps=None`).
   * @defaultValue null
   */
  eps?: number | null;
}

const rmsNormOptions = /* @__PURE__ */ defineOptions<ApplyRmsNormOptions>()('applyRmsNorm', {
  weight: null,
  eps: null,
});

/** The machine epsilon of a float dtype (`torch.finfo(dtype).eps`). */
export const machineEps = (dtype: string): number => (dtype === 'float64' ? Number.EPSILON : 2 ** -23);

/** @internal The checked core of RMS normalization, shared with the layer. */
export function rmsNormCore(
  fn: string,
  x: Tensor,
  normalized: readonly number[],
  o: Required<ApplyRmsNormOptions>,
): Tensor {
  checkTrailing(fn, x, normalized);
  const w = checkOptionalParam(fn, 'weight', o.weight, normalized, 'normalizedShape');
  const eps = o.eps === null ? machineEps(x.dtype) : checkPositive(fn, 'eps', o.eps);
  const axes = normalized.map((_, i) => x.rank - normalized.length + i);
  const y = mul(x, rsqrt(add(mean(square(x), { axis: axes, keepDims: true }), eps)));
  return w === null ? y : mul(y, w);
}

/**
 * Root-mean-square normalization as a pure function (PyTorch 2.4's `F.rms_norm`), under {@link RMSNorm}:
 * $$y = \gamma \odot \frac{x}{\sqrt{\tfrac{1}{d}\sum_i x_i^2 + \epsilon}}$$
 * over the trailing `normalizedShape` dimensions: layer norm without centring or shift (Zhang and Sennrich,
 * 2019), as in LLaMA-style transformers.
 *
 * @param x - input `[..., ...normalizedShape]`.
 * @param normalizedShape - the trailing dimensions (an integer for the last one).
 * @param options - see {@link ApplyRmsNormOptions}.
 * @returns the normalized tensor.
 * @example
 * ```ts
 * import { tensor } from '@dl/tensor';
 * import { applyRmsNorm } from '@dl/norm';
 * applyRmsNorm(tensor([[3, 4]]), 2, { eps: 1e-12 }).toArray(); // [[0.8485281, 1.1313709]]
 * ```
 * @see https://pytorch.org/docs/2.4/generated/torch.nn.RMSNorm.html
 */
export function applyRmsNorm(
  x: Tensor,
  normalizedShape: number | readonly number[],
  options?: ApplyRmsNormOptions,
): Tensor {
  const fn = 'applyRmsNorm';
  const o = rmsNormOptions(options);
  return rmsNormCore(
    fn,
    checkFloatTensor(fn, 'x', x),
    checkNormalizedShape(fn, normalizedShape),
    o as Required<ApplyRmsNormOptions>,
  );
}
