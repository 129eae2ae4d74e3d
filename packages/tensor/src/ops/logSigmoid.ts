import { record } from '../autograd/record';
import type { TensorArray } from '../dtype';
import { mapUnary } from '../kernels/unary';
import { unaryBackwardF32, unaryF32 } from '../kernels/unaryF32';
import type { Tensor } from '../tensor';
import { mul } from './mul';
import { neg } from './neg';
import { sigmoid } from './sigmoid';

function logSigmoidLoop(src: TensorArray, dst: TensorArray): void {
  if (src instanceof Float32Array) {
    unaryF32('logSigmoid', src, dst as Float32Array);
    return;
  }
  for (let i = 0; i < src.length; i++) {
    const v = src[i]!;
    dst[i] = Math.min(v, 0) - Math.log1p(Math.exp(v < 0 ? v : -v));
  }
}

/**
 * Logarithm of the sigmoid, numerically stable for any magnitude.
 *
 * $y = \ln \sigma(x) = \min(x, 0) - \ln(1 + e^{-|x|})$; gradient $\sigma(-x) = 1 - \sigma(x)$.
 *
 * float32 computes in float32, four lanes at a time in WebAssembly SIMD for large tensors (the JavaScript fallback
 * gives the same values bit for bit): $\min(x, 0) - \operatorname{log1p}(e^{-|x|})$ with the float32 exponential and
 * `log1p` of {@link log1p}, within 4 ulp of the exact value; the gradient $g\,\sigma(-x)$ in one fused pass.
 * float64 uses `Math`.
 *
 * @param x - the input (float32 or float64).
 * @returns a tensor of `x`'s shape and dtype.
 * @example
 * ```ts
 * import { logSigmoid, tensor } from '@dl/tensor';
 * logSigmoid(tensor([-1e4, 0, 1e4], { dtype: 'float64' })).toArray(); // [-10000, -0.6931471806, 0]
 * ```
 * @see {@link https://pytorch.org/docs/1.13/generated/torch.nn.LogSigmoid.html | torch.nn.LogSigmoid}
 */
export function logSigmoid(x: Tensor): Tensor {
  const out = mapUnary('logSigmoid', x, logSigmoidLoop, true);
  return record('logSigmoid', out, [x], (g) => [
    unaryBackwardF32('logSigmoidBwd', g, x) ?? mul(g, sigmoid(neg(x))),
  ]);
}
