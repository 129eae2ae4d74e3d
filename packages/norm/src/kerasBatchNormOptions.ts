import { defineOptions, describe } from '@dl/internal';
import type { BatchNormOptions } from './BatchNorm';
import { checkBool, checkPositive, checkUnit } from './internal/checks';

/** Keras's / TensorFlow.js's options of a `BatchNormalization` layer, in their names and meanings. */
export interface KerasBatchNormOptions {
  /**
   * Keras's momentum $\mu$: $\hat\mu \leftarrow \mu\hat\mu + (1 - \mu)\mu_B$ (PyTorch's momentum is $1 - \mu$).
   * @defaultValue 0.99
   */
  momentum?: number;
  /**
   * Added to the variance inside the square root.
   * @defaultValue 1e-3
   */
  epsilon?: number;
  /**
   * Learn the shift $\beta$ (`bias`). Must equal `scale` here (PyTorch's `affine` is both).
   * @defaultValue true
   */
  center?: boolean;
  /**
   * Learn the scale $\gamma$ (`weight`). Must equal `center` here.
   * @defaultValue true
   */
  scale?: boolean;
}

const kerasOptions = /* @__PURE__ */ defineOptions<KerasBatchNormOptions>()('kerasBatchNormOptions', {
  momentum: 0.99,
  epsilon: 1e-3,
  center: true,
  scale: true,
});

/** @internal Checks Keras's center/scale pair, which must be equal to map to `affine`. */
export function affineOf(fn: string, center: unknown, scale: unknown): boolean {
  const c = checkBool(fn, 'center', center);
  const s = checkBool(fn, 'scale', scale);
  if (c !== s) {
    throw new RangeError(
      `${fn}: center and scale must be equal (both map to PyTorch's affine), got center = ${describe(c)}, scale = ${describe(s)}`,
    );
  }
  return c;
}

/**
 * The {@link BatchNormOptions} that make a {@link BatchNorm1d} / {@link BatchNorm2d} compute what a Keras or
 * TensorFlow.js `BatchNormalization` layer computes:
 *
 * | Keras / TensorFlow.js | @dl/norm (PyTorch) |
 * | --- | --- |
 * | `momentum: 0.99` ($\hat\mu \leftarrow \mu\hat\mu + (1-\mu)\mu_B$) | `momentum: 1 - 0.99 = 0.01` |
 * | `epsilon: 1e-3` | `eps: 1e-3` |
 * | biased moving variance | `unbiasedRunningVar: false` |
 * | `center`, `scale` | `affine` (both or neither) |
 * | `axis: -1` (channels last) | dimension 1 (channels first): transpose `[N, H, W, C]` images to `[N, C, H, W]` |
 * | `gamma`, `beta`, `moving_mean`, `moving_variance` | `weight`, `bias`, `running_mean`, `running_var` |
 *
 * @param options - Keras's options; see {@link KerasBatchNormOptions}.
 * @returns options for {@link BatchNorm}.
 * @example
 * ```ts
 * import { BatchNorm1d, kerasBatchNormOptions } from '@dl/norm';
 * kerasBatchNormOptions({ momentum: 0.9 }); // { momentum: 0.09999999999999998, eps: 0.001, affine: true, unbiasedRunningVar: false }
 * const bn = new BatchNorm1d(16, kerasBatchNormOptions());
 * bn.eps; // 0.001
 * ```
 * @see https://keras.io/api/layers/normalization_layers/batch_normalization/
 */
export function kerasBatchNormOptions(options?: KerasBatchNormOptions): BatchNormOptions {
  const fn = 'kerasBatchNormOptions';
  const o = kerasOptions(options);
  const momentum = checkUnit(fn, 'momentum', o.momentum);
  return {
    momentum: 1 - momentum,
    eps: checkPositive(fn, 'epsilon', o.epsilon),
    affine: affineOf(fn, o.center, o.scale),
    unbiasedRunningVar: false,
  };
}
