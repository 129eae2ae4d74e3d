import { gradients } from '../autograd/engine';
import { withGradMode } from '../autograd/gradMode';
import { allocZeroed } from '../memory/_pool';
import { Tensor } from '../tensor';
import { basis, functionalLeaf, functionalOutput } from './_leaf';

/**
 * The Jacobian of a tensor function at `x`, like PyTorch's `torch.autograd.functional.jacobian`.
 *
 * $$J_{i_1 \dots i_m,\, j_1 \dots j_n} = \frac{\partial f(x)_{i_1 \dots i_m}}{\partial x_{j_1 \dots j_n}}$$
 *
 * One reverse-mode pass per element of $f(x)$ (each seeded with a one-hot gradient); the forward pass runs
 * once. Gradient recording is switched on while `f` runs, even inside {@link noGrad}; the result is a plain
 * tensor that never requires gradients. An output that does not depend on `x` gives zeros (PyTorch's
 * `strict=False`).
 *
 * @param f - a function of one tensor returning a float32 or float64 tensor.
 * @param x - the point (float32 or float64); it is not modified and need not require gradients.
 * @returns a tensor of shape `[...f(x).shape, ...x.shape]` and `f(x)`'s dtype.
 * @example
 * ```ts
 * import { jacobian, mul, tensor } from '@dl/tensor';
 * // f(x) = x^2 elementwise has J = diag(2x)
 * jacobian((x) => mul(x, x), tensor([1, 3])).toArray(); // [[2, 0], [0, 6]]
 * jacobian((x) => mul(x, 2), tensor([[1, 2]])).shape; // [1, 2, 1, 2]
 * ```
 * @see {@link https://pytorch.org/docs/1.13/generated/torch.autograd.functional.jacobian.html | torch.autograd.functional.jacobian}
 */
export function jacobian(f: (x: Tensor) => Tensor, x: Tensor): Tensor {
  const leaf = functionalLeaf('jacobian', f, x);
  return withGradMode(true, () => {
    const y = functionalOutput('jacobian', f(leaf), false);
    const n = leaf.size;
    const out = allocZeroed(y.dtype, y.size * n);
    if (y.requiresGrad) {
      for (let i = 0; i < y.size; i++) {
        const [g] = gradients(y, [leaf], { seed: basis(y, i), retainGraph: true, allowUnused: true });
        out.set(g!.data, i * n);
      }
    }
    return new Tensor(out, [...y.shape, ...leaf.shape], y.dtype);
  });
}
