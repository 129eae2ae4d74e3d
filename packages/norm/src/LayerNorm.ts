import { defineOptions } from '@dl/internal';
import { Module } from '@dl/nn';
import type { Tensor } from '@dl/tensor';
import { layerNormCore } from './applyLayerNorm';
import { checkBool, checkFloatTensor, checkNormalizedShape, checkPositive } from './internal/checks';
import { checkDtype, param } from './internal/layerParts';

/** Options of {@link LayerNorm} (PyTorch's names and defaults). */
export interface LayerNormOptions {
  /**
   * Added to the variance inside the square root (Keras / TensorFlow.js: 1e-3).
   * @defaultValue 1e-5
   */
  eps?: number;
  /**
   * Learn an elementwise `weight` (initially 1) and, unless `bias: false`, `bias` (initially 0).
   * @defaultValue true
   */
  elementwiseAffine?: boolean;
  /**
   * Learn the additive `bias` (PyTorch 2.1's option; with `elementwiseAffine` only).
   * @defaultValue true
   */
  bias?: boolean;
  /**
   * Element type of the parameters.
   * @defaultValue 'float32'
   */
  dtype?: 'float32' | 'float64';
}

const layerNormOptions = /* @__PURE__ */ defineOptions<LayerNormOptions>()('LayerNorm', {
  eps: 1e-5,
  elementwiseAffine: true,
  bias: true,
  dtype: 'float32',
});

/**
 * Layer normalization over the trailing `normalizedShape` dimensions, like PyTorch's `nn.LayerNorm`:
 * {@link applyLayerNorm} with learnable `weight` and `bias` of shape `normalizedShape` (state-dict keys `weight`,
 * `bias`). The same computation in training and evaluation; independent of the batch size.
 *
 * @example
 * ```ts
 * import { tensor } from '@dl/tensor';
 * import { LayerNorm } from '@dl/norm';
 * const ln = new LayerNorm(2);
 * ln.forward(tensor([[1, 3]])).toArray(); // [[-0.999995, 0.999995]]
 * Object.keys(new LayerNorm([2, 3], { bias: false }).stateDict()); // ['weight']
 * ```
 * @see https://pytorch.org/docs/1.13/generated/torch.nn.LayerNorm.html
 */
export class LayerNorm extends Module {
  /** The scale $\gamma$, of shape `normalizedShape`, or `null` without `elementwiseAffine`. */
  weight: Tensor | null;
  /** The shift $\beta$, of shape `normalizedShape`, or `null`. */
  bias: Tensor | null;
  /** The trailing dimensions normalized over. */
  readonly normalizedShape: readonly number[];
  /** See {@link LayerNormOptions.eps}. */
  readonly eps: number;

  /**
   * @param normalizedShape - the trailing dimensions to normalize over (an integer for the last one).
   * @param options - see {@link LayerNormOptions}.
   */
  constructor(normalizedShape: number | readonly number[], options?: LayerNormOptions) {
    super();
    const fn = 'LayerNorm';
    const o = layerNormOptions(options);
    this.normalizedShape = checkNormalizedShape(fn, normalizedShape);
    this.eps = checkPositive(fn, 'eps', o.eps);
    const affine = checkBool(fn, 'elementwiseAffine', o.elementwiseAffine);
    const bias = checkBool(fn, 'bias', o.bias);
    const dtype = checkDtype(fn, o.dtype);
    this.weight = affine ? param([...this.normalizedShape], 1, dtype) : null;
    this.bias = affine && bias ? param([...this.normalizedShape], 0, dtype) : null;
  }

  /**
   * Normalizes `x`.
   * @param x - input `[..., ...normalizedShape]`.
   * @returns the normalized tensor.
   */
  forward(x: Tensor): Tensor {
    return layerNormCore('LayerNorm', checkFloatTensor('LayerNorm', 'x', x), this.normalizedShape, {
      weight: this.weight,
      bias: this.bias,
      eps: this.eps,
    });
  }
}
