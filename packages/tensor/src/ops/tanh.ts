import { SAVES_OUTPUT } from '../autograd/node';
import { record } from '../autograd/record';
import type { TensorArray } from '../dtype';
import { activationBackwardF32, activationF32 } from '../kernels/activationF32';
import { mapUnary } from '../kernels/unary';
import type { Tensor } from '../tensor';
import { mul } from './mul';
import { sub } from './sub';

function tanhLoop(src: TensorArray, dst: TensorArray): void {
  if (src instanceof Float32Array) {
    activationF32('tanh', src, dst as Float32Array);
    return;
  }
  for (let i = 0; i < src.length; i++) {
    const v = src[i]!;
    dst[i] = Math.tanh(v);
  }
}

/**
 * Elementwise hyperbolic tangent.
 *
 * $y = \tanh x$; gradient $1 - y^2$.
 *
 * float32 computes in float32, four lanes at a time in WebAssembly SIMD for large tensors (the JavaScript fallback
 * gives the same values bit for bit): Cephes' odd polynomial for $|x| < 0.625$, else $1 - 2 / (e^{2|x|} + 1)$ with a
 * float32 exponential; within 1 ulp of the exact value everywhere; the gradient $g (1 - y^2)$ in one pass.
 * float64 uses `Math.tanh`.
 *
 * Accuracy: the gradient $1 - y^2$ uses the saved output, as PyTorch does; it cancels as $|y| \to 1$, so a
 * one-ulp difference in $y$ becomes an absolute error of about one ulp of 1. The PyTorch comparison of the
 * gradient allows an absolute 2e-7 (float32) / 1e-15 (float64) on top of the 1e-6 relative tolerance.
 *
 * @param x - the input (float32 or float64).
 * @returns a tensor of `x`'s shape and dtype.
 * @example
 * ```ts
 * import { tanh, tensor } from '@dl/tensor';
 * tanh(tensor([0, 1e4])).toArray(); // [0, 1]
 * ```
 * @see {@link https://pytorch.org/docs/1.13/generated/torch.tanh.html | torch.tanh}
 */
export function tanh(x: Tensor): Tensor {
  const out = mapUnary('tanh', x, tanhLoop, true);
  return record(
    'tanh',
    out,
    [x],
    (g) => [activationBackwardF32('tanhBwd', g, out) ?? mul(g, sub(1, mul(out, out)))],
    SAVES_OUTPUT,
  );
}
