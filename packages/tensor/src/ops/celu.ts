import { defineOptions } from '@dl/internal';
import { checkNumber } from '../kernels/unary';
import type { Tensor } from '../tensor';
import { eluImpl } from './elu';

/** Options of {@link celu}. */
export interface CeluOptions {
  /**
   * The $\alpha$ of CELU (must be non-zero).
   * @defaultValue 1
   */
  alpha?: number;
}

/** @internal The checker of {@link CeluOptions}; a bare number is `alpha`, as PyTorch takes it positionally. */
export const celuOptions = /* @__PURE__ */ defineOptions<CeluOptions>()(
  'celu',
  { alpha: 1 },
  { positional: 'alpha' },
);

/**
 * Continuously differentiable exponential linear unit.
 *
 * $y = x$ for $x > 0$, $y = \alpha (e^{x/\alpha} - 1)$ otherwise; gradient 1 for $x > 0$ and $e^{x/\alpha}$
 * for $x \le 0$.
 *
 * Accuracy: PyTorch 1.13 evaluates $\alpha(e^{x} - 1)$, which cancels for $x$ near 0 (its float32 value at
 * $x = -10^{-7}$ is $-1.19 \cdot 10^{-7}$); this uses `expm1` and is accurate there. The PyTorch comparison
 * therefore allows an absolute 1e-7 (float32) / 4e-16 (float64) on top of the 1e-6 relative tolerance.
 *
 * float32 computes in float32 (four-lane WebAssembly SIMD for large tensors, a bit-identical JavaScript fallback)
 * with the negative branch of {@link elu} on $x \cdot \mathrm{fl}(1/\alpha)$; the gradient in one fused pass.
 * float64 uses `Math.expm1`.
 *
 * @param x - the input (float32 or float64).
 * @param options - see {@link CeluOptions}.
 * @returns a tensor of `x`'s shape and dtype.
 * @example
 * ```ts
 * import { celu, tensor } from '@dl/tensor';
 * celu(tensor([-1, 2], { dtype: 'float64' }), { alpha: 2 }).toArray(); // [-0.7869387, 2]
 * ```
 * @see {@link https://pytorch.org/docs/1.13/generated/torch.nn.CELU.html | torch.nn.CELU}
 */
export function celu(x: Tensor, options: CeluOptions | number = {}): Tensor {
  const o = celuOptions(options, 'celu');
  const alpha = checkNumber('celu', 'options.alpha', o.alpha);
  if (alpha === 0) throw new RangeError('celu: options.alpha must be non-zero, got 0');
  return eluImpl('celu', x, alpha, 1, 1 / alpha);
}
