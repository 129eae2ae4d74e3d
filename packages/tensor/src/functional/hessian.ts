import { gradients } from '../autograd/engine';
import { withGradMode } from '../autograd/gradMode';
import { allocZeroed } from '../memory/_pool';
import { Tensor } from '../tensor';
import { basis, functionalLeaf, functionalOutput } from './_leaf';

/**
 * The full Hessian of a scalar function at `x`, like PyTorch's `torch.autograd.functional.hessian`.
 *
 * $$H_{ij} = \frac{\partial^2 f}{\partial x_i \, \partial x_j}(x)$$
 *
 * (indices over the flattened `x`). The gradient $\nabla f(x)$ is computed once with a recorded backward
 * pass, then differentiated again once per element of `x` (double backward): $n$ reverse passes for $n$
 * elements, so use {@link hvp} when only products $H(x)\,v$ are needed. Row $i$ is $\partial (\nabla f)_i /
 * \partial x$, as in PyTorch. Gradient recording is switched on while `f` runs, even inside {@link noGrad};
 * the result never requires gradients. Pass it to {@link eigh} for the curvature spectrum (all eigenvalues
 * positive at a strict minimum, of both signs at a saddle point).
 *
 * @param f - a twice-differentiable function of one tensor returning a one-element float tensor.
 * @param x - the point (float32 or float64; float64 for accurate curvature); it is not modified.
 * @returns a tensor of shape `[...x.shape, ...x.shape]` and `x`'s dtype.
 * @example
 * ```ts
 * import { hessian, mul, sum, tensor } from '@dl/tensor';
 * // f(x) = sum(x^3) has H = diag(6x)
 * hessian((x) => sum(mul(mul(x, x), x)), tensor([1, 2])).toArray(); // [[6, 0], [0, 12]]
 * // a saddle: f(x) = x0^2 - x1^2
 * hessian((x) => sum(mul(mul(x, x), tensor([1, -1]))), tensor([3, 4])).toArray(); // [[2, 0], [0, -2]]
 * ```
 * @see {@link https://pytorch.org/docs/1.13/generated/torch.autograd.functional.hessian.html | torch.autograd.functional.hessian}
 */
export function hessian(f: (x: Tensor) => Tensor, x: Tensor): Tensor {
  const leaf = functionalLeaf('hessian', f, x);
  return withGradMode(true, () => {
    const y = functionalOutput('hessian', f(leaf), true);
    const n = leaf.size;
    const out = allocZeroed(leaf.dtype, n * n);
    if (y.requiresGrad) {
      const [g] = gradients(y, [leaf], { createGraph: true, allowUnused: true });
      if (g!.requiresGrad) {
        for (let i = 0; i < n; i++) {
          const [h] = gradients(g!, [leaf], { seed: basis(g!, i), retainGraph: true, allowUnused: true });
          out.set(h!.data, i * n);
        }
      }
    }
    return new Tensor(out, [...leaf.shape, ...leaf.shape], leaf.dtype);
  });
}
