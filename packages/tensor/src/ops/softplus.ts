import { defineOptions } from '@dl/internal';
import { record } from '../autograd/record';
import type { TensorArray } from '../dtype';
import { checkNumber, mapUnary } from '../kernels/unary';
import { unaryBackwardF32, unaryF32 } from '../kernels/unaryF32';
import type { Tensor } from '../tensor';
import { mul } from './mul';
import { sigmoid } from './sigmoid';
import { where } from './where';

/** Options of {@link softplus}. */
export interface SoftplusOptions {
  /**
   * The sharpness $\beta$ (non-zero).
   * @defaultValue 1
   */
  beta?: number;
  /**
   * Above $\beta x > \text{threshold}$ the function is taken as linear ($y = x$).
   * @defaultValue 20
   */
  threshold?: number;
}

/** @internal The checker of {@link SoftplusOptions}; a bare number is `beta`, as PyTorch takes it positionally. */
export const softplusOptions = /* @__PURE__ */ defineOptions<SoftplusOptions>()(
  'softplus',
  { beta: 1, threshold: 20 },
  { positional: 'beta' },
);

function softplusLoop(src: TensorArray, dst: TensorArray, beta: number, threshold: number): void {
  if (src instanceof Float32Array) {
    unaryF32('softplus', src, dst as Float32Array, Math.fround(beta), Math.fround(threshold));
    return;
  }
  for (let i = 0; i < src.length; i++) {
    const v = src[i]!;
    const z = v * beta;
    // max(z, 0) + log1p(exp(-|z|)) never overflows, unlike log1p(exp(z)).
    dst[i] = z > threshold ? v : (Math.max(z, 0) + Math.log1p(Math.exp(z > 0 ? -z : z))) / beta;
  }
}

function aboveLoop(src: TensorArray, dst: TensorArray, beta: number, threshold: number): void {
  for (let i = 0; i < src.length; i++) dst[i] = src[i]! * beta > threshold ? 1 : 0;
}

/**
 * Softplus, a smooth ReLU, with PyTorch's linear cut-off above a threshold.
 *
 * $y = \frac{1}{\beta}\ln(1 + e^{\beta x})$, computed as $\frac{1}{\beta}(\max(\beta x, 0) + \ln(1 + e^{-|\beta x|}))$
 * so that it never overflows; $y = x$ where $\beta x > \text{threshold}$. Gradient $\sigma(\beta x)$, and 1 above
 * the threshold.
 *
 * float32 computes in float32, four lanes at a time in WebAssembly SIMD for large tensors (the JavaScript fallback
 * gives the same values bit for bit): $(\max(z, 0) + \operatorname{log1p}(e^{-|z|}))/\beta$ with the float32
 * exponential and `log1p` of {@link log1p}; within 4 ulp of the exact value for $\beta = 1$ where it is a normal
 * float32 (within $2^{-148}$ below); the gradient $g\,\sigma(\beta x)$ in one fused pass. float64 uses `Math`.
 *
 * @param x - the input (float32 or float64).
 * @param options - see {@link SoftplusOptions}.
 * @returns a tensor of `x`'s shape and dtype.
 * @example
 * ```ts
 * import { softplus, tensor } from '@dl/tensor';
 * softplus(tensor([-1e4, 0, 1e4], { dtype: 'float64' })).toArray(); // [0, 0.6931471806, 10000]
 * ```
 * @see {@link https://pytorch.org/docs/1.13/generated/torch.nn.Softplus.html | torch.nn.Softplus}
 */
export function softplus(x: Tensor, options: SoftplusOptions | number = {}): Tensor {
  const o = softplusOptions(options, 'softplus');
  const beta = checkNumber('softplus', 'options.beta', o.beta);
  if (beta === 0) throw new RangeError('softplus: options.beta must be non-zero, got 0');
  const threshold = checkNumber('softplus', 'options.threshold', o.threshold, true);
  const out = mapUnary('softplus', x, softplusLoop, true, beta, threshold);
  return record('softplus', out, [x], (g) => {
    const fused = unaryBackwardF32('softplusBwd', g, x, Math.fround(beta), Math.fround(threshold));
    if (fused !== null) return [fused];
    const above = mapUnary('softplus', x, aboveLoop, true, beta, threshold, 'softplusAbove');
    return [where(above, g, mul(g, sigmoid(beta === 1 ? x : mul(x, beta))))];
  });
}
