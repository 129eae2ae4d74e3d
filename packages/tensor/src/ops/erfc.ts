import { record } from '../autograd/record';
import type { TensorArray } from '../dtype';
import { erfBackwardF32, specialF32 } from '../kernels/specialF32';
import { mapUnary } from '../kernels/unary';
import type { Tensor } from '../tensor';
import { erfc64, TWO_OVER_SQRT_PI } from './_erf';
import { exp } from './exp';
import { mul } from './mul';
import { neg } from './neg';
import { square } from './square';

function erfcLoop(src: TensorArray, dst: TensorArray): void {
  if (src instanceof Float32Array) {
    specialF32('erfc', src, dst as Float32Array);
    return;
  }
  for (let i = 0; i < src.length; i++) dst[i] = erfc64(src[i]!);
}

/**
 * Elementwise complementary error function $1 - \operatorname{erf}(x)$, without cancellation for large positive $x$.
 *
 * $\operatorname{erfc}(x) = \frac{2}{\sqrt\pi}\int_x^\infty e^{-t^2}\,dt$; gradient $-\frac{2}{\sqrt\pi} e^{-x^2}$.
 *
 * float32 computes in float32, four lanes at a time in WebAssembly SIMD from 64 elements (the JavaScript fallback
 * gives the same values bit for bit): $1 - \operatorname{erf}(x)$ for $|x| < 0.84375$, else
 * $c = e^{-h^2} e^{(h - a)(h + a)} h(1/a)/a$ with $a = |x|$ and $h$ = $a$ cut to 12 significant bits (so that
 * $h^2$ is exact and $-x^2$ loses nothing), $0$ from $a \ge 10.1$, and $2 - c$ for $x < 0$; within 5 ulp of the
 * exact value where the result is normal (tested against float64; subnormal results within one subnormal ulp);
 * the gradient as {@link erf}'s, negated. float64 computes in float64: correctly rounded to float32 even in the subnormal range.
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
  return record('erfc', out, [x], (g) => [
    erfBackwardF32(g, x, -1) ?? mul(g, mul(exp(neg(square(x))), -TWO_OVER_SQRT_PI)),
  ]);
}
