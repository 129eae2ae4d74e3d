import { record } from '../autograd/record';
import type { TensorArray } from '../dtype';
import { trigF32 } from '../kernels/trigF32';
import { mapUnary } from '../kernels/unary';
import type { Tensor } from '../tensor';
import { mul } from './mul';
import { neg } from './neg';
import { sin } from './sin';

function cosLoop(src: TensorArray, dst: TensorArray): void {
  if (src instanceof Float32Array) {
    trigF32('cos', src, dst as Float32Array);
    return;
  }
  for (let i = 0; i < src.length; i++) {
    const v = src[i]!;
    dst[i] = Math.cos(v);
  }
}

/**
 * Elementwise cosine (radians).
 *
 * $y = \cos x$; gradient $-\sin x$.
 *
 * float32 computes in float32, four lanes at a time in WebAssembly SIMD from 64 elements (the JavaScript fallback
 * gives the same values bit for bit) with Cephes' `cosf`: $r = |x| - j\pi/4$ ($\pi/4$ in three parts, exact
 * products up to $|x| = 8192$) and the sine or cosine polynomial of the quadrant; within 1 ulp of the exact value for
 * $|x| \le 100$ and within an absolute $2^{-23}$ up to 8192 (tested against float64); beyond, `Math.cos` rounded to
 * float32. float64 uses `Math.cos`.
 *
 * @param x - the input (float32 or float64).
 * @returns a tensor of `x`'s shape and dtype.
 * @example
 * ```ts
 * import { cos, tensor } from '@dl/tensor';
 * cos(tensor([0, Math.PI])).toArray(); // [1, -1]
 * ```
 * @see {@link https://pytorch.org/docs/1.13/generated/torch.cos.html | torch.cos}
 */
export function cos(x: Tensor): Tensor {
  const out = mapUnary('cos', x, cosLoop, true);
  return record('cos', out, [x], (g) => [neg(mul(g, sin(x)))]);
}
