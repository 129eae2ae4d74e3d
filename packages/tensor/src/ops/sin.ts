import { record } from '../autograd/record';
import type { TensorArray } from '../dtype';
import { trigF32 } from '../kernels/trigF32';
import { mapUnary } from '../kernels/unary';
import type { Tensor } from '../tensor';
import { cos } from './cos';
import { mul } from './mul';

function sinLoop(src: TensorArray, dst: TensorArray): void {
  if (src instanceof Float32Array) {
    trigF32('sin', src, dst as Float32Array);
    return;
  }
  for (let i = 0; i < src.length; i++) {
    const v = src[i]!;
    dst[i] = Math.sin(v);
  }
}

/**
 * Elementwise sine (radians).
 *
 * $y = \sin x$; gradient $\cos x$.
 *
 * float32 computes in float32, four lanes at a time in WebAssembly SIMD from 64 elements (the JavaScript fallback
 * gives the same values bit for bit) with Cephes' `sinf`: $r = |x| - j\pi/4$ ($\pi/4$ in three parts, exact
 * products up to $|x| = 8192$) and the sine or cosine polynomial of the quadrant; within 1 ulp of the exact value for
 * $|x| \le 100$ and within an absolute $2^{-23}$ up to 8192 (tested against float64); beyond, `Math.sin` rounded to
 * float32. float64 uses `Math.sin`.
 *
 * @param x - the input (float32 or float64).
 * @returns a tensor of `x`'s shape and dtype.
 * @example
 * ```ts
 * import { sin, tensor } from '@dl/tensor';
 * sin(tensor([0, Math.PI / 2])).toArray(); // [0, 1]
 * ```
 * @see {@link https://pytorch.org/docs/1.13/generated/torch.sin.html | torch.sin}
 */
export function sin(x: Tensor): Tensor {
  const out = mapUnary('sin', x, sinLoop, true);
  return record('sin', out, [x], (g) => [mul(g, cos(x))]);
}
