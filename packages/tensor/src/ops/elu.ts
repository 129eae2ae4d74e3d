import { defineOptions } from '@dl/internal';
import { record } from '../autograd/record';
import type { TensorArray } from '../dtype';
import { checkNumber, mapUnary } from '../kernels/unary';
import { unaryBackwardF32, unaryF32 } from '../kernels/unaryF32';
import type { Tensor } from '../tensor';
import { exp } from './exp';
import { mul } from './mul';
import { positiveMaskLoop } from './relu';
import { where } from './where';

/** Options of {@link elu}. */
export interface EluOptions {
  /**
   * The saturation value for negative inputs ($-\alpha$).
   * @defaultValue 1
   */
  alpha?: number;
}

/** @internal The checker of {@link EluOptions}; a bare number is `alpha`, as PyTorch takes it positionally. */
export const eluOptions = /* @__PURE__ */ defineOptions<EluOptions>()(
  'elu',
  { alpha: 1 },
  { positional: 'alpha' },
);

function eluLoop(src: TensorArray, dst: TensorArray, negcoef: number, inputScale: number): void {
  if (src instanceof Float32Array) {
    unaryF32('elu', src, dst as Float32Array, Math.fround(negcoef), 1, Math.fround(inputScale));
    return;
  }
  for (let i = 0; i < src.length; i++) {
    const v = src[i]!;
    dst[i] = v > 0 ? v : negcoef * Math.expm1(v * inputScale);
  }
}

function scaledEluLoop(src: TensorArray, dst: TensorArray, negcoef: number, scale: number): void {
  if (src instanceof Float32Array) {
    unaryF32('elu', src, dst as Float32Array, Math.fround(negcoef), Math.fround(scale), 1);
    return;
  }
  for (let i = 0; i < src.length; i++) {
    const v = src[i]!;
    dst[i] = v > 0 ? scale * v : negcoef * Math.expm1(v);
  }
}

/**
 * @internal The ELU family as PyTorch's `elu(x, alpha, scale, inputScale)`:
 * $y = \text{scale}\,x$ for $x > 0$, else $\text{scale}\,\alpha\,(e^{\text{inputScale}\,x} - 1)$. The gradient at
 * $x \le 0$ is $\text{scale}\,\alpha\,\text{inputScale}\,e^{\text{inputScale}\,x}$ (so at exactly 0 it is the
 * left derivative, as in PyTorch). The exponential in the backward pass is taken of $\min(x, 0)$ (via a mask) so
 * that double backward never multiplies 0 by an overflowed $e^x$.
 */
export function eluImpl(fn: string, x: Tensor, alpha: number, scale: number, inputScale: number): Tensor {
  const negcoef = scale * alpha;
  const f = Math.fround;
  const out =
    scale === 1
      ? mapUnary(fn, x, eluLoop, true, negcoef, inputScale, 'elu')
      : mapUnary(fn, x, scaledEluLoop, true, negcoef, scale, 'scaledElu');
  return record(fn, out, [x], (g) => {
    const fused = unaryBackwardF32('eluBwd', g, x, f(negcoef * inputScale), f(scale), f(inputScale));
    if (fused !== null) return [fused];
    const pos = mapUnary(fn, x, positiveMaskLoop, true, 0, 0, 'positiveMask');
    const negPart = exp(inputScale === 1 ? where(pos, 0, x) : mul(where(pos, 0, x), inputScale));
    return [where(pos, scale === 1 ? g : mul(g, scale), mul(g, mul(negPart, negcoef * inputScale)))];
  });
}

/**
 * Exponential linear unit.
 *
 * $y = x$ for $x > 0$, $y = \alpha (e^{x} - 1)$ otherwise; gradient 1 for $x > 0$ and $\alpha e^{x}$ for
 * $x \le 0$ (PyTorch's value at 0).
 *
 * Accuracy: PyTorch 1.13 evaluates $\alpha(e^{x} - 1)$, which cancels for $x$ near 0 (its float32 value at
 * $x = -10^{-7}$ is $-1.19 \cdot 10^{-7}$); this uses `expm1` and is accurate there. The PyTorch comparison
 * therefore allows an absolute 1e-7 (float32) / 4e-16 (float64) on top of the 1e-6 relative tolerance.
 *
 * float32 computes in float32, four lanes at a time in WebAssembly SIMD for large tensors (the JavaScript fallback
 * gives the same values bit for bit): $e^x - 1$ of $x \le 0$ from one reduction $x = k \ln 2 + r$, a degree-6
 * minimax polynomial $r(1 + r\,q(r))$ of $e^r - 1$ and $(2^k - 1) + 2^k (e^r - 1)$ (within 1 ulp of the exact value, tested against
 * float64; about 1.4x faster than a polynomial plus an exponential), times $\alpha$ rounded to float32; the gradient in
 * one fused pass. float64 uses `Math.expm1`.
 *
 * @param x - the input (float32 or float64).
 * @param options - see {@link EluOptions}.
 * @returns a tensor of `x`'s shape and dtype.
 * @example
 * ```ts
 * import { elu, tensor } from '@dl/tensor';
 * elu(tensor([-1, 0, 2], { dtype: 'float64' })).toArray(); // [-0.6321205588, 0, 2]
 * ```
 * @see {@link https://pytorch.org/docs/1.13/generated/torch.nn.ELU.html | torch.nn.ELU}
 */
export function elu(x: Tensor, options: EluOptions | number = {}): Tensor {
  const o = eluOptions(options, 'elu');
  const alpha = checkNumber('elu', 'options.alpha', o.alpha);
  return eluImpl('elu', x, alpha, 1, 1);
}
