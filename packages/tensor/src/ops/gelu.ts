import { defineOptions, describe } from '@dl/internal';
import { record } from '../autograd/record';
import type { TensorArray } from '../dtype';
import { activationBackwardF32, activationF32 } from '../kernels/activationF32';
import { mapUnary } from '../kernels/unary';
import type { Tensor } from '../tensor';
import { erfc64 } from './_erf';
import { add } from './add';
import { erfc } from './erfc';
import { exp } from './exp';
import { mul } from './mul';
import { neg } from './neg';
import { sigmoid } from './sigmoid';
import { square } from './square';

/** Options of {@link gelu}. */
export interface GeluOptions {
  /**
   * `'none'` for the exact $x\,\Phi(x)$ (with an accurate float64 erf), `'tanh'` for the tanh approximation.
   * @defaultValue 'none'
   */
  approximate?: 'none' | 'tanh';
}

/** @internal The checker of {@link GeluOptions}. */
export const geluOptions = /* @__PURE__ */ defineOptions<GeluOptions>()('gelu', { approximate: 'none' });

const SQRT1_2 = Math.SQRT1_2;
const SQRT_2_OVER_PI = 0.7978845608028654;
const INV_SQRT_2PI = 0.3989422804014327;
const KAPPA = 0.044715;

function geluLoop(src: TensorArray, dst: TensorArray): void {
  if (src instanceof Float32Array) {
    activationF32('gelu', src, dst as Float32Array);
    return;
  }
  for (let i = 0; i < src.length; i++) {
    const v = src[i]!;
    // Phi(x) = erfc(-x / sqrt 2) / 2: no cancellation in the negative tail.
    dst[i] = 0.5 * v * erfc64(-v * SQRT1_2);
  }
}

function geluTanhLoop(src: TensorArray, dst: TensorArray): void {
  if (src instanceof Float32Array) {
    activationF32('geluTanh', src, dst as Float32Array);
    return;
  }
  for (let i = 0; i < src.length; i++) {
    const v = src[i]!;
    // (1 + tanh(u)) / 2 = sigmoid(2u), evaluated without overflow or cancellation.
    const z = 2 * SQRT_2_OVER_PI * (v + KAPPA * v * v * v);
    dst[i] = z >= 0 ? v / (1 + Math.exp(-z)) : (v * Math.exp(z)) / (1 + Math.exp(z));
  }
}

/**
 * Gaussian error linear unit.
 *
 * `approximate: 'none'`: $y = x\,\Phi(x) = \tfrac{x}{2}\operatorname{erfc}(-x/\sqrt2)$, gradient
 * $\Phi(x) + x\,\varphi(x)$. `approximate: 'tanh'`: $y = \tfrac{x}{2}(1 + \tanh u)$ with
 * $u = \sqrt{2/\pi}\,(x + 0.044715\,x^3)$, gradient $\tfrac12(1 + \tanh u) + \tfrac{x}{2}(1 - \tanh^2 u)\,u'$,
 * evaluated as $\sigma(2u) + 2x\,\sigma(2u)\,\sigma(-2u)\,u'$.
 *
 * float32 computes in float32, four lanes at a time in WebAssembly SIMD for large tensors (the JavaScript
 * fallback gives the same values bit for bit), forward and gradient in one pass each (no intermediate tensors).
 * `approximate: 'none'`: $\Phi(x)$ from $u = x/\sqrt2$ rounded in float32 by fitted polynomials ($\operatorname{erf}$
 * below $|u| = 0.84375$, $\operatorname{erfc}|u| = e^{-u^2} h(1/|u|)/|u|$ above), within $4(1 + x^2/2)$ ulp of the
 * exact $x\,\Phi(x)$ where it is a normal float32 (the rounding of $u$ dominates in the negative tail) and within
 * 1e-6 absolutely. `approximate: 'tanh'`: $x\,\sigma(z)$, $z = 2u$ rounded in float32, with a float32
 * exponential, within $3(1 + |z|)$ ulp and 1e-6 absolutely; its gradient $\sigma(z) + x\,\sigma(z)\sigma(-z)\,z'$
 * takes both sigmoids from one exponential. Both gradients are within $2^{-23}(1 + |x|)$ for a unit gradient.
 *
 * float64 computes in float64 in a form without cancellation (erfc; a sigmoid for the tanh form), and
 * the gradient likewise (erfc; sigmoids instead of $1 \pm \tanh$), so in the negative tail both are more accurate
 * than PyTorch's, whose `1 + erf`, `1 + tanh` and `1 - tanh^2` cancel: its float32 tanh-form gradient is off by up
 * to about 1e-6 for $x \in [-6, -4]$. The PyTorch comparison therefore allows an absolute 1e-6 (float32) / 1e-15
 * (float64) on top of the 1e-6 relative tolerance, and float32 results are also checked against PyTorch's
 * float64 values (relative 1e-6, absolute 1e-7).
 *
 * @param x - the input (float32 or float64).
 * @param options - see {@link GeluOptions}.
 * @returns a tensor of `x`'s shape and dtype.
 * @example
 * ```ts
 * import { gelu, tensor } from '@dl/tensor';
 * gelu(tensor([-1, 0, 1], { dtype: 'float64' })).toArray(); // [-0.1586552539, 0, 0.8413447461]
 * gelu(tensor([1], { dtype: 'float64' }), { approximate: 'tanh' }).toArray(); // [0.8411919906]
 * ```
 * @see {@link https://pytorch.org/docs/1.13/generated/torch.nn.GELU.html | torch.nn.GELU}
 */
export function gelu(x: Tensor, options: GeluOptions = {}): Tensor {
  const o = geluOptions(options, 'gelu');
  const approximate = o.approximate;
  if (approximate !== 'none' && approximate !== 'tanh') {
    throw new TypeError(`gelu: options.approximate must be 'none' or 'tanh', got ${describe(approximate)}`);
  }
  if (approximate === 'none') {
    const out = mapUnary('gelu', x, geluLoop, true);
    return record('gelu', out, [x], (g) => {
      const fused = activationBackwardF32('geluBwd', g, x);
      if (fused !== null) return [fused];
      // Phi(x) = erfc(-x / sqrt 2) / 2, without the cancellation of 1 + erf(x / sqrt 2) for x < 0.
      const cdf = mul(erfc(mul(x, -SQRT1_2)), 0.5);
      const pdf = mul(exp(mul(square(x), -0.5)), INV_SQRT_2PI);
      return [mul(g, add(cdf, mul(x, pdf)))];
    });
  }
  const out = mapUnary('gelu', x, geluTanhLoop, true, 0, 0, 'geluTanh');
  return record('gelu', out, [x], (g) => {
    const fused = activationBackwardF32('geluTanhBwd', g, x);
    if (fused !== null) return [fused];
    // With z = 2u: (1 + tanh u) / 2 = sigmoid(z) and (1 - tanh^2 u) / 4 = sigmoid(z) sigmoid(-z), both free of
    // cancellation. dy/dx = sigmoid(z) + x sigmoid(z) sigmoid(-z) z'.
    const x2 = square(x);
    const z = mul(add(x, mul(mul(x2, x), KAPPA)), 2 * SQRT_2_OVER_PI);
    const s = sigmoid(z);
    const dz = add(mul(x2, 6 * KAPPA * SQRT_2_OVER_PI), 2 * SQRT_2_OVER_PI);
    return [mul(g, add(s, mul(mul(x, mul(s, sigmoid(neg(z)))), dz)))];
  });
}
