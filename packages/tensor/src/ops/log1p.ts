import { record } from '../autograd/record';
import type { TensorArray } from '../dtype';
import { mapUnary } from '../kernels/unary';
import { unaryF32 } from '../kernels/unaryF32';
import type { Tensor } from '../tensor';
import { add } from './add';
import { div } from './div';

function log1pLoop(src: TensorArray, dst: TensorArray): void {
  if (src instanceof Float32Array) {
    unaryF32('log1p', src, dst as Float32Array);
    return;
  }
  for (let i = 0; i < src.length; i++) {
    const v = src[i]!;
    dst[i] = Math.log1p(v);
  }
}

/**
 * Elementwise $\ln(1 + x)$.
 *
 * $y = \ln(1 + x)$, accurate for small $|x|$; gradient $1/(1+x)$.
 *
 * float32 computes in float32, four lanes at a time in WebAssembly SIMD for large tensors (the JavaScript fallback
 * gives the same values bit for bit): $w = 1 + x$, then $\ln w \cdot x / (w - 1)$ (Goldberg's correction of the
 * rounding of $w$, with Cephes' `logf`), within 2 ulp of the exact value. float64 uses `Math.log1p`.
 *
 * @param x - the input (float32 or float64).
 * @returns a tensor of `x`'s shape and dtype.
 * @example
 * ```ts
 * import { log1p, tensor } from '@dl/tensor';
 * log1p(tensor([0, 1e-10], { dtype: 'float64' })).toArray(); // [0, 1e-10]
 * ```
 * @see {@link https://pytorch.org/docs/1.13/generated/torch.log1p.html | torch.log1p}
 */
export function log1p(x: Tensor): Tensor {
  const out = mapUnary('log1p', x, log1pLoop, true);
  return record('log1p', out, [x], (g) => [div(g, add(x, 1))]);
}
