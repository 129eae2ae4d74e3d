import { badArgument, describe } from '@dl/internal';
import { gradients } from './autograd/engine';
import { deviceOf } from './device';
import { viewOf } from './memory/_view';
import { mul } from './ops/mul';
import { sum } from './ops/sum';
import { Tensor } from './tensor';

function leafCopy(fn: string, x: Tensor): Tensor {
  if (!(x instanceof Tensor)) throw new TypeError(`${fn}: x must be a Tensor, got ${describe(x)}`);
  if (x.dtype === 'int32') throw new TypeError(`${fn}: x must be a float32 or float64 tensor, got int32`);
  // a device tensor's leaf shares its memory (reading `data` would move the whole computation to the CPU)
  if (x.storage !== null) deviceOf(fn, [x], ['x']); // a disposed device tensor is an error naming fn
  const leaf = x.storage !== null ? new Tensor(x.storage.share(), x.shape, x.dtype) : viewOf(x, x.shape);
  leaf.requiresGrad = true;
  return leaf;
}

function scalarOutput(fn: string, y: unknown): Tensor {
  if (!(y instanceof Tensor) || y.size !== 1) {
    const got = y instanceof Tensor ? `a tensor of shape [${y.shape.join(', ')}]` : typeof y;
    throw new TypeError(`${fn}: f must return a one-element Tensor, got ${got}`);
  }
  return y;
}

/**
 * The value of a scalar function and its gradient, in one pass.
 *
 * @param f - a function of one tensor returning a one-element tensor.
 * @returns a function `x => [f(x), ∇f(x)]`; `x` itself is left untouched.
 * @example
 * ```ts
 * import { mul, sum, tensor, valueAndGrad } from '@dl/tensor';
 * const [value, g] = valueAndGrad((x) => sum(mul(x, x)))(tensor([3, 4]));
 * value.item(); // 25
 * g.toArray(); // [6, 8]
 * ```
 */
export function valueAndGrad(f: (x: Tensor) => Tensor): (x: Tensor) => [Tensor, Tensor] {
  return valueAndGradAs('valueAndGrad', f);
}

/** @internal {@link valueAndGrad} reporting errors under `fn` (the function the user called). */
function valueAndGradAs(fn: string, f: (x: Tensor) => Tensor): (x: Tensor) => [Tensor, Tensor] {
  if (typeof f !== 'function') throw badArgument(fn, 'f', 'a function of one tensor', f);
  return (x) => {
    const leaf = leafCopy(fn, x);
    const y = scalarOutput(fn, f(leaf));
    const [g] = gradients(y, [leaf], { allowUnused: true });
    return [y.detach(), g!];
  };
}

/**
 * The gradient of a scalar function, as a function (like JAX's `grad`).
 *
 * @param f - a function of one tensor returning a one-element tensor.
 * @returns a function `x => ∇f(x)` with `x`'s shape.
 * @example
 * ```ts
 * import { grad, mul, sum, tensor } from '@dl/tensor';
 * grad((x) => sum(mul(x, x)))(tensor([1, 2])).toArray(); // [2, 4]
 * ```
 */
export function grad(f: (x: Tensor) => Tensor): (x: Tensor) => Tensor {
  const vg = valueAndGradAs('grad', f);
  return (x) => vg(x)[1];
}

/**
 * The exact Hessian-vector product $H v = \nabla_x (\nabla_x f(x) \cdot v)$ by double backward.
 *
 * @param f - a twice-differentiable function of one tensor returning a one-element tensor.
 * @param x - the point.
 * @param v - the vector, with `x`'s shape.
 * @returns $H(x)\,v$ with `x`'s shape.
 * @example
 * ```ts
 * import { hvp, mul, sum, tensor } from '@dl/tensor';
 * // f(x) = sum(x^3) has H = diag(6x)
 * const f = (x) => sum(mul(mul(x, x), x));
 * hvp(f, tensor([1, 2]), tensor([1, 1])).toArray(); // [6, 12]
 * ```
 */
export function hvp(f: (x: Tensor) => Tensor, x: Tensor, v: Tensor): Tensor {
  const leaf = leafCopy('hvp', x);
  if (!(v instanceof Tensor) || v.shape.join() !== x.shape.join()) {
    throw new RangeError(
      `hvp: v must be a Tensor with x's shape [${x.shape.join(', ')}], got ${v instanceof Tensor ? `[${v.shape.join(', ')}]` : typeof v}`,
    );
  }
  const y = scalarOutput('hvp', f(leaf));
  const [g] = gradients(y, [leaf], { createGraph: true });
  if (!g!.requiresGrad) return mul(g!.detach(), 0);
  const [h] = gradients(sum(mul(g!, v.detach())), [leaf], { allowUnused: true });
  return h!;
}
