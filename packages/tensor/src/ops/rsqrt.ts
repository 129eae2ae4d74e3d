import { record } from '../autograd/record';
import type { TensorArray } from '../dtype';
import { mapUnary } from '../kernels/unary';
import { pointwiseF32 } from '../kernels/unaryF32';
import type { Tensor } from '../tensor';
import { mul } from './mul';

function rsqrtLoop(src: TensorArray, dst: TensorArray): void {
  if (src instanceof Float32Array) {
    pointwiseF32('rsqrt', src, dst as Float32Array);
    return;
  }
  for (let i = 0; i < src.length; i++) {
    const v = src[i]!;
    dst[i] = 1 / Math.sqrt(v);
  }
}

/**
 * Elementwise reciprocal square root.
 *
 * $y = 1/\sqrt{x}$; gradient $-\tfrac12 y^3$.
 *
 * float32 computes $\mathrm{fl}(1/\mathrm{fl}(\sqrt x))$ (two roundings, as PyTorch's float kernel; within 1 ulp of
 * the exact value), in a WebAssembly SIMD kernel for large tensors with a bit-identical JavaScript fallback.
 *
 * @param x - the input (float32 or float64).
 * @returns a tensor of `x`'s shape and dtype.
 * @example
 * ```ts
 * import { rsqrt, tensor } from '@dl/tensor';
 * rsqrt(tensor([4, 16])).toArray(); // [0.5, 0.25]
 * ```
 * @see {@link https://pytorch.org/docs/1.13/generated/torch.rsqrt.html | torch.rsqrt}
 */
export function rsqrt(x: Tensor): Tensor {
  const out = mapUnary('rsqrt', x, rsqrtLoop, true);
  return record('rsqrt', out, [x], (g) => [mul(mul(g, -0.5), mul(out, mul(out, out)))]);
}
