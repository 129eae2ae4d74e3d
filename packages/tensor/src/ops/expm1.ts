import { record } from '../autograd/record';
import type { TensorArray } from '../dtype';
import { mapUnary } from '../kernels/unary';
import { unaryF32 } from '../kernels/unaryF32';
import type { Tensor } from '../tensor';
import { add } from './add';
import { mul } from './mul';

function expm1Loop(src: TensorArray, dst: TensorArray): void {
  if (src instanceof Float32Array) {
    unaryF32('expm1', src, dst as Float32Array);
    return;
  }
  for (let i = 0; i < src.length; i++) {
    const v = src[i]!;
    dst[i] = Math.expm1(v);
  }
}

/**
 * Elementwise $e^x - 1$.
 *
 * $y = e^{x} - 1$, accurate for small $|x|$; gradient $e^{x} = y + 1$.
 *
 * float32 computes in float32, four lanes at a time in WebAssembly SIMD for large tensors (the JavaScript fallback
 * gives the same values bit for bit): $x (1 + x P(x))$ with the Taylor polynomial $P(x) = \sum_{k=0}^{8} x^k/(k+2)!$
 * for $|x| < \ln 2$, else $e^x - 1$ with a float32 exponential; within 4 ulp of the exact value (the 2 ulp of $e^x$ near
 * $e^x = 2$ are 4 ulp of $e^x - 1 \approx 1$). float64 uses
 * `Math.expm1`.
 *
 * @param x - the input (float32 or float64).
 * @returns a tensor of `x`'s shape and dtype.
 * @example
 * ```ts
 * import { expm1, tensor } from '@dl/tensor';
 * expm1(tensor([0, 1e-10], { dtype: 'float64' })).toArray(); // [0, 1e-10]
 * ```
 * @see {@link https://pytorch.org/docs/1.13/generated/torch.expm1.html | torch.expm1}
 */
export function expm1(x: Tensor): Tensor {
  const out = mapUnary('expm1', x, expm1Loop, true);
  return record('expm1', out, [x], (g) => [mul(g, add(out, 1))]);
}
