import { defineOptions } from '@dl/internal';
import { Module } from '@dl/nn';
import type { Tensor } from '@dl/tensor';
import { rmsNormCore } from './applyRmsNorm';
import { checkBool, checkFloatTensor, checkNormalizedShape, checkPositive } from './internal/checks';
import { checkDtype, param } from './internal/layerParts';

/** Options of {@link RMSNorm} (PyTorch 2.4's names and defaults). */
export interface RMSNormOptions {
  /**
   * Added to the mean square; `null` for the machine epsilon of the input's dtype.
   * @defaultValue null
   */
  eps?: number | null;
  /**
   * Learn an elementwise `weight` (initially 1).
   * @defaultValue true
   */
  elementwiseAffine?: boolean;
  /**
   * Element type of the parameter.
   * @defaultValue 'float32'
   */
  dtype?: 'float32' | 'float64';
}

const rmsNormOptions = /* @__PURE__ */ defineOptions<RMSNormOptions>()('RMSNorm', {
  eps: null,
  elementwiseAffine: true,
  dtype: 'float32',
});

/**
 * Root-mean-square normalization, like PyTorch 2.4's `nn.RMSNorm` (not in PyTorch 1.13): {@link applyRmsNorm}
 * with a learnable `weight` of shape `normalizedShape` (state-dict key `weight`).
 *
 * @example
 * ```ts
 * import { tensor } from '@dl/tensor';
 * import { RMSNorm } from '@dl/norm';
 * new RMSNorm(2, { eps: 1e-12 }).forward(tensor([[3, 4]])).toArray(); // [[0.8485281, 1.1313709]]
 * ```
 * @see https://pytorch.org/docs/2.4/generated/torch.nn.RMSNorm.html
 */
export class RMSNorm extends Module {
  /** The scale $\gamma$, of shape `normalizedShape`, or `null` without `elementwiseAffine`. */
  weight: Tensor | null;
  /** The trailing dimensions normalized over. */
  readonly normalizedShape: readonly number[];
  /** See {@link RMSNormOptions.eps}. */
  readonly eps: number | null;

  /**
   * @param normalizedShape - the trailing dimensions (an integer for the last one).
   * @param options - see {@link RMSNormOptions}.
   */
  constructor(normalizedShape: number | readonly number[], options?: RMSNormOptions) {
    super();
    const fn = 'RMSNorm';
    const o = rmsNormOptions(options);
    this.normalizedShape = checkNormalizedShape(fn, normalizedShape);
    this.eps = o.eps === null ? null : checkPositive(fn, 'eps', o.eps);
    const dtype = checkDtype(fn, o.dtype);
    this.weight = checkBool(fn, 'elementwiseAffine', o.elementwiseAffine)
      ? param([...this.normalizedShape], 1, dtype)
      : null;
  }

  /**
   * Normalizes `x`.
   * @param x - input `[..., ...normalizedShape]`.
   * @returns the normalized tensor.
   */
  forward(x: Tensor): Tensor {
    return rmsNormCore('RMSNorm', checkFloatTensor('RMSNorm', 'x', x), this.normalizedShape, {
      weight: this.weight,
      eps: this.eps,
    });
  }
}
