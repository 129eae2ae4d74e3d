import { record } from '../autograd/record';
import type { TensorArray } from '../dtype';
import { mapUnary } from '../kernels/unary';
import type { Tensor } from '../tensor';
import { erf64, TWO_OVER_SQRT_PI } from './_erf';
import { exp } from './exp';
import { mul } from './mul';
import { neg } from './neg';
import { square } from './square';

function erfLoop(src: TensorArray, dst: TensorArray): void {
  for (let i = 0; i < src.length; i++) dst[i] = erf64(src[i]!);
}

/**
 * Elementwise Gauss error function, computed in float64 (relative error below 1e-15) and rounded to the dtype.
 *
 * $\operatorname{erf}(x) = \frac{2}{\sqrt\pi}\int_0^x e^{-t^2}\,dt$; gradient $\frac{2}{\sqrt\pi} e^{-x^2}$.
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
  return record('erf', out, [x], (g) => [mul(g, mul(exp(neg(square(x))), TWO_OVER_SQRT_PI))]);
}
