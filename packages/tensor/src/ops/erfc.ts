import { record } from '../autograd/record';
import type { TensorArray } from '../dtype';
import { mapUnary } from '../kernels/unary';
import type { Tensor } from '../tensor';
import { erfc64, TWO_OVER_SQRT_PI } from './_erf';
import { exp } from './exp';
import { mul } from './mul';
import { neg } from './neg';
import { square } from './square';

function erfcLoop(src: TensorArray, dst: TensorArray): void {
  for (let i = 0; i < src.length; i++) dst[i] = erfc64(src[i]!);
}

/**
 * Elementwise complementary error function $1 - \operatorname{erf}(x)$, computed in float64 without cancellation
 * for large positive $x$ and rounded to the dtype.
 *
 * $\operatorname{erfc}(x) = \frac{2}{\sqrt\pi}\int_x^\infty e^{-t^2}\,dt$; gradient $-\frac{2}{\sqrt\pi} e^{-x^2}$.
 *
 * Accuracy: results are correctly rounded to float32 even in the subnormal range, where PyTorch's float32 erfc
 * can be off by a subnormal ulp (the comparison allows an absolute 3e-45 there).
 *
 * @param x - the input (float32 or float64).
 * @returns a tensor of `x`'s shape and dtype.
 * @example
 * ```ts
 * import { erfc, tensor } from '@dl/tensor';
 * erfc(tensor([0, 5], { dtype: 'float64' })).toArray(); // [1, 1.5374597944e-12]
 * ```
 * @see {@link https://pytorch.org/docs/1.13/generated/torch.erfc.html | torch.erfc}
 */
export function erfc(x: Tensor): Tensor {
  const out = mapUnary('erfc', x, erfcLoop, true);
  return record('erfc', out, [x], (g) => [mul(g, mul(exp(neg(square(x))), -TWO_OVER_SQRT_PI))]);
}
