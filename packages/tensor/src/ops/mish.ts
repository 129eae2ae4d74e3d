import { record } from '../autograd/record';
import type { TensorArray } from '../dtype';
import { mapUnary } from '../kernels/unary';
import type { Tensor } from '../tensor';
import { add } from './add';
import { mul } from './mul';
import { sigmoid } from './sigmoid';
import { softplus } from './softplus';
import { sub } from './sub';
import { tanh } from './tanh';

function mishLoop(src: TensorArray, dst: TensorArray): void {
  for (let i = 0; i < src.length; i++) {
    const v = src[i]!;
    const sp = Math.max(v, 0) + Math.log1p(Math.exp(v > 0 ? -v : v));
    dst[i] = v * Math.tanh(sp);
  }
}

/**
 * Mish, a self-regularized non-monotonic activation.
 *
 * $y = x \tanh(\operatorname{softplus}(x))$ with a stable softplus; gradient
 * $t + x\,\sigma(x)(1 - t^2)$ where $t = \tanh(\operatorname{softplus}(x))$.
 *
 * Accuracy: the gradient (PyTorch's formula) contains $1 - t^2$, which cancels as $t \to 1$, so a one-ulp
 * difference in the float32 $t$ becomes an absolute error of about one ulp of 1. The float32 PyTorch comparison
 * of the gradient allows an absolute 1e-7 on top of the 1e-6 relative tolerance.
 *
 * @param x - the input (float32 or float64).
 * @returns a tensor of `x`'s shape and dtype.
 * @example
 * ```ts
 * import { mish, tensor } from '@dl/tensor';
 * mish(tensor([0, 1], { dtype: 'float64' })).toArray(); // [0, 0.8650983883]
 * ```
 * @see {@link https://pytorch.org/docs/1.13/generated/torch.nn.Mish.html | torch.nn.Mish}
 */
export function mish(x: Tensor): Tensor {
  const out = mapUnary('mish', x, mishLoop, true);
  return record('mish', out, [x], (g) => {
    const t = tanh(softplus(x));
    return [mul(g, add(t, mul(mul(x, sigmoid(x)), sub(1, mul(t, t)))))];
  });
}
