import type { Tensor } from '../tensor';
import { eluImpl } from './elu';

/** The SELU $\alpha$, PyTorch's constant. */
export const SELU_ALPHA = 1.6732632423543772;
/** The SELU scale $\lambda$, PyTorch's constant. */
export const SELU_SCALE = 1.0507009873554805;

/**
 * Scaled exponential linear unit with PyTorch's constants {@link SELU_ALPHA} and {@link SELU_SCALE}.
 *
 * $y = \lambda x$ for $x > 0$, $y = \lambda \alpha (e^{x} - 1)$ otherwise; gradient $\lambda$ for $x > 0$ and
 * $\lambda \alpha e^{x}$ for $x \le 0$ (PyTorch's value at 0).
 *
 * Accuracy: PyTorch 1.13 evaluates $\alpha(e^{x} - 1)$, which cancels for $x$ near 0 (its float32 value at
 * $x = -10^{-7}$ is $-1.19 \cdot 10^{-7}$); this uses `expm1` and is accurate there. The PyTorch comparison
 * therefore allows an absolute 1e-7 (float32) / 4e-16 (float64) on top of the 1e-6 relative tolerance.
 *
 * float32 computes in float32 (four-lane WebAssembly SIMD for large tensors, a bit-identical JavaScript fallback)
 * with the negative branch of {@link elu} (within 1 ulp before the scale's rounding); the gradient in one fused pass. float64 uses `Math.expm1`.
 *
 * @param x - the input (float32 or float64).
 * @returns a tensor of `x`'s shape and dtype.
 * @example
 * ```ts
 * import { selu, tensor } from '@dl/tensor';
 * selu(tensor([-1, 0, 1], { dtype: 'float64' })).toArray(); // [-1.1113307, 0, 1.0507010]
 * ```
 * @see {@link https://pytorch.org/docs/1.13/generated/torch.nn.SELU.html | torch.nn.SELU}
 */
export function selu(x: Tensor): Tensor {
  return eluImpl('selu', x, SELU_ALPHA, SELU_SCALE, 1);
}
