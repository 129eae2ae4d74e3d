// The spec of a loss that is elementwise in (input, target): one value formula and one derivative formula.
import { div, mul, type Tensor } from '@dl/tensor';
import { checkFloat, checkReduction, checkSame, type LossSpec, reduce, seedOf } from './_core';

/** @internal Options every pointwise loss has. */
export interface PointwiseResolved {
  reduction: string;
}

/**
 * @internal A loss $\ell_i = f(x_i, y_i)$ reduced by mean/sum/none. `value` is written with differentiable ops
 * (autograd differentiates it, to any order); `derivative` is $\partial f / \partial x_i$, used by the
 * plain-array form.
 */
export function pointwiseSpec<O extends PointwiseResolved>(
  fn: string,
  read: (options: unknown) => O,
  value: (x: Tensor, y: Tensor, o: O) => Tensor,
  derivative: (x: Tensor, y: Tensor, o: O) => Tensor,
  check: (o: O, x: Tensor, y: Tensor) => void = () => {},
  reductions: readonly string[] = ['none', 'mean', 'sum'],
  readTarget: (target: unknown, x: Tensor) => Tensor = (t, x) => checkSame(fn, 'target', t, x),
): LossSpec<O> {
  return {
    fn,
    prepare(args, options) {
      const x = checkFloat(fn, 'input', args[0]);
      const y = readTarget(args[1], x);
      const o = read(options);
      (o as PointwiseResolved).reduction = checkReduction(fn, o.reduction, reductions);
      check(o, x, y);
      return { args: [x, y], o };
    },
    value: ([x, y], o) => reduceWith(value(x!, y!, o), o.reduction, x!),
    inputGrad: ([x, y], o, g) =>
      mul(seedOf(g, o.reduction, x!.shape, divisorOf(o.reduction, x!)), derivative(x!, y!, o)),
  };
}

function divisorOf(reduction: string, x: Tensor): number {
  return reduction === 'batchmean' ? (x.rank === 0 ? 1 : x.shape[0]!) : x.size;
}

function reduceWith(loss: Tensor, reduction: string, x: Tensor): Tensor {
  if (reduction === 'batchmean') return div(reduce(loss, 'sum'), divisorOf(reduction, x));
  return reduce(loss, reduction);
}
