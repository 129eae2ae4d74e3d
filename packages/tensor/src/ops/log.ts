import { record } from '../autograd/record';
import type { TensorArray } from '../dtype';
import { mapUnary } from '../kernels/unary';
import { unaryF32 } from '../kernels/unaryF32';
import type { Tensor } from '../tensor';
import { div } from './div';

function logLoop(src: TensorArray, dst: TensorArray): void {
  if (src instanceof Float32Array) {
    unaryF32('log', src, dst as Float32Array);
    return;
  }
  for (let i = 0; i < src.length; i++) {
    const v = src[i]!;
    dst[i] = Math.log(v);
  }
}

/**
 * Elementwise natural logarithm.
 *
 * $y = \ln x$ ($-\infty$ at 0, NaN below); gradient $1/x$.
 *
 * float32 computes in float32, four lanes at a time in WebAssembly SIMD for large tensors (the JavaScript fallback
 * gives the same values bit for bit): Cephes' `logf` (the mantissa in $[\sqrt{1/2}, \sqrt2)$, a degree-8
 * polynomial; subnormals scaled first), within 1 ulp of the exact value over the whole float32 range. float64 uses
 * `Math.log`.
 *
 * @param x - the input (float32 or float64).
 * @returns a tensor of `x`'s shape and dtype.
 * @example
 * ```ts
 * import { log, tensor } from '@dl/tensor';
 * log(tensor([1, Math.E], { dtype: 'float64' })).toArray(); // [0, 1]
 * ```
 * @see {@link https://pytorch.org/docs/1.13/generated/torch.log.html | torch.log}
 */
export function log(x: Tensor): Tensor {
  const out = mapUnary('log', x, logLoop, true);
  return record('log', out, [x], (g) => [div(g, x)]);
}
