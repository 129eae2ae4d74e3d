import { record } from '../autograd/record';
import type { TensorArray } from '../dtype';
import { erfBackwardF32, specialF32 } from '../kernels/specialF32';
import { mapUnary } from '../kernels/unary';
import type { Tensor } from '../tensor';
import { erf64, TWO_OVER_SQRT_PI } from './_erf';
import { exp } from './exp';
import { mul } from './mul';
import { neg } from './neg';
import { square } from './square';

function erfLoop(src: TensorArray, dst: TensorArray): void {
  if (src instanceof Float32Array) {
    specialF32('erf', src, dst as Float32Array);
    return;
  }
  for (let i = 0; i < src.length; i++) dst[i] = erf64(src[i]!);
}

/**
 * Elementwise Gauss error function.
 *
 * $\operatorname{erf}(x) = \frac{2}{\sqrt\pi}\int_0^x e^{-t^2}\,dt$; gradient $\frac{2}{\sqrt\pi} e^{-x^2}$.
 *
 * float32 computes in float32, four lanes at a time in WebAssembly SIMD from 64 elements (the JavaScript fallback
 * gives the same values bit for bit): $x + x P(x^2)$ for $|x| < 0.84375$, else
 * $\pm\bigl(1 - e^{-x^2} h(1/|x|)/|x|\bigr)$ with the fitted polynomials of {@link gelu}'s $\Phi$
 * (`scripts/fit_phi.py`); within 1 ulp of the exact value (tested against float64). The gradient
 * rounds $x^2$ before the exponential, as PyTorch's float32 kernel does: within $3 + x^2$ ulp. float64 computes in float64 (relative error below 1e-15).
 *
 * @param x - the input (float32 or float64).
 * @returns a tensor of `x`'s shape and dtype.
 * @example
 * ```ts
 * import { erf, tensor } from '@dl/tensor';
 * erf(tensor([0, 1], { dtype: 'float64' })).toArray(); // [0, 0.8427007929]
 * ```
 * @see {@link https://pytorch.org/docs/1.13/generated/torch.erf.html | torch.erf}
 */
export function erf(x: Tensor): Tensor {
  const out = mapUnary('erf', x, erfLoop, true);
  return record('erf', out, [x], (g) => [
    erfBackwardF32(g, x, 1) ?? mul(g, mul(exp(neg(square(x))), TWO_OVER_SQRT_PI)),
  ]);
}
