import { defineOptions } from '@dl/internal';
import { record } from '../autograd/record';
import type { TensorArray } from '../dtype';
import { activationBackwardF32, activationF32 } from '../kernels/activationF32';
import { checkNumber, mapUnary } from '../kernels/unary';
import type { Tensor } from '../tensor';
import { add } from './add';
import { mul } from './mul';
import { sigmoid } from './sigmoid';
import { sub } from './sub';

/** Options of {@link silu}. */
export interface SiluOptions {
  /**
   * The $\beta$ of Swish, $x\,\sigma(\beta x)$; 1 gives SiLU.
   * @defaultValue 1
   */
  beta?: number;
}

/** @internal The checker of {@link SiluOptions}. */
export const siluOptions = /* @__PURE__ */ defineOptions<SiluOptions>()('silu', { beta: 1 });

function siluLoop(src: TensorArray, dst: TensorArray, beta: number): void {
  if (beta === 1 && src instanceof Float32Array) {
    activationF32('silu', src, dst as Float32Array);
    return;
  }
  for (let i = 0; i < src.length; i++) {
    const v = src[i]!;
    const z = v * beta;
    dst[i] = z >= 0 ? v / (1 + Math.exp(-z)) : (v * Math.exp(z)) / (1 + Math.exp(z));
  }
}

/**
 * SiLU / Swish: the input times its sigmoid.
 *
 * $y = x\,\sigma(\beta x)$ (stable for any magnitude); gradient $\sigma(\beta x)\,(1 + \beta x (1 - \sigma(\beta x)))$.
 * With the default $\beta = 1$ this is PyTorch's `SiLU`; other values give Swish-$\beta$ (no PyTorch
 * counterpart; tested against `x * torch.sigmoid(beta * x)`, which rounds $\beta x$ to float32 first, so that
 * float32 comparison uses a relative tolerance of 5e-6: the reference's error grows like $\epsilon |\beta x|$).
 *
 * float32 with $\beta = 1$ computes in float32, four lanes at a time in WebAssembly SIMD for large tensors (the
 * JavaScript fallback gives the same values bit for bit): $x\,\sigma(x)$ with a float32 exponential, within 4 ulp
 * of the exact value where it is a normal float32 (and within $2^{-149}$ below); the gradient in one pass without
 * intermediate tensors, within $2^{-23}(1 + |x|)$ for a unit gradient. Other cases compute in float64.
 *
 * Accuracy: the gradient (PyTorch's formula) contains $1 - \sigma(\beta x)$, which cancels as the sigmoid
 * saturates, so a one-ulp difference in the float32 sigmoid becomes an absolute error of about one ulp of 1. The
 * float32 PyTorch comparison of the gradient allows an absolute 1e-7 on top of the 1e-6 relative tolerance.
 *
 * @param x - the input (float32 or float64).
 * @param options - see {@link SiluOptions}.
 * @returns a tensor of `x`'s shape and dtype.
 * @example
 * ```ts
 * import { silu, tensor } from '@dl/tensor';
 * silu(tensor([0, 1], { dtype: 'float64' })).toArray(); // [0, 0.7310585786]
 * ```
 * @see {@link https://pytorch.org/docs/1.13/generated/torch.nn.SiLU.html | torch.nn.SiLU}
 */
export function silu(x: Tensor, options: SiluOptions = {}): Tensor {
  const o = siluOptions(options, 'silu');
  const beta = checkNumber('silu', 'options.beta', o.beta);
  const out = mapUnary('silu', x, siluLoop, true, beta);
  return record('silu', out, [x], (g) => {
    const fused = beta === 1 ? activationBackwardF32('siluBwd', g, x) : null;
    if (fused !== null) return [fused];
    const bx = beta === 1 ? x : mul(x, beta);
    const s = sigmoid(bx);
    return [mul(g, mul(s, add(1, mul(bx, sub(1, s)))))];
  });
}
