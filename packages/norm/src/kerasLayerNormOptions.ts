import { defineOptions, describe } from '@dl/internal';
import { checkBool, checkPositive } from './internal/checks';
import type { LayerNormOptions } from './LayerNorm';

/** Keras's / TensorFlow.js's options of a `LayerNormalization` layer, in their names. */
export interface KerasLayerNormOptions {
  /**
   * Added to the variance inside the square root.
   * @defaultValue 1e-3
   */
  epsilon?: number;
  /**
   * Learn the shift $\beta$ (`bias`).
   * @defaultValue true
   */
  center?: boolean;
  /**
   * Learn the scale $\gamma$ (`weight`); `scale: false` with `center: true` has no PyTorch counterpart.
   * @defaultValue true
   */
  scale?: boolean;
}

const kerasOptions = /* @__PURE__ */ defineOptions<KerasLayerNormOptions>()('kerasLayerNormOptions', {
  epsilon: 1e-3,
  center: true,
  scale: true,
});

/**
 * The {@link LayerNormOptions} that make a {@link LayerNorm} compute what a Keras or TensorFlow.js
 * `LayerNormalization` layer over the last axis computes: `eps` 1e-3 instead of 1e-5, `gamma` / `beta` as
 * `weight` / `bias`, `scale: false` as `elementwiseAffine: false` and `center: false` as `bias: false`. (Both
 * use the biased variance and put eps inside the square root.) Keras's `axis` is our `normalizedShape`: `axis: -1`
 * on `[N, D]` is `new LayerNorm(D, ...)`.
 *
 * @param options - Keras's options; see {@link KerasLayerNormOptions}.
 * @returns options for {@link LayerNorm}.
 * @example
 * ```ts
 * import { kerasLayerNormOptions, LayerNorm } from '@dl/norm';
 * kerasLayerNormOptions({ center: false }); // { eps: 0.001, elementwiseAffine: true, bias: false }
 * new LayerNorm(8, kerasLayerNormOptions()).eps; // 0.001
 * ```
 * @see https://keras.io/api/layers/normalization_layers/layer_normalization/
 */
export function kerasLayerNormOptions(options?: KerasLayerNormOptions): LayerNormOptions {
  const fn = 'kerasLayerNormOptions';
  const o = kerasOptions(options);
  const center = checkBool(fn, 'center', o.center);
  const scale = checkBool(fn, 'scale', o.scale);
  if (center && !scale) {
    throw new RangeError(
      `${fn}: center = true with scale = ${describe(scale)} (a shift without a scale) has no LayerNorm counterpart`,
    );
  }
  return { eps: checkPositive(fn, 'epsilon', o.epsilon), elementwiseAffine: scale, bias: center };
}
