import { defineOptions } from '@dl/internal';
import { abs, clip, less, mul, square, sub, type Tensor, where } from '@dl/tensor';
import {
  checkNumber,
  type LossValueAndGrad,
  lossValue,
  lossValueAndGrad,
  type PlainFloat,
  type Reduction,
} from './_core';
import { pointwiseSpec } from './_pointwise';

/** Options of {@link huberLoss}. */
export interface HuberLossOptions {
  /**
   * `'mean'` over all elements, `'sum'`, or `'none'` (per-element values).
   * @defaultValue 'mean'
   */
  reduction?: Reduction;
  /**
   * Where the loss turns from quadratic to linear (> 0).
   * @defaultValue 1
   */
  delta?: number;
}

/** @internal Huber's function of d = x - y: 0.5 d² where |d| < δ, else δ(|d| − δ/2) (no cancellation either way). */
export function huber(d: Tensor, delta: number): Tensor {
  const a = abs(d);
  return where(less(a, delta), mul(square(d), 0.5), mul(sub(a, 0.5 * delta), delta));
}

const HUBER = /* @__PURE__ */ pointwiseSpec(
  'huberLoss',
  /* @__PURE__ */ defineOptions<HuberLossOptions>()('huberLoss', { reduction: 'mean', delta: 1 }),
  (x, y, o) => huber(sub(x, y), o.delta),
  (x, y, o) => clip(sub(x, y), { min: -o.delta, max: o.delta }),
  (o) => checkNumber('huberLoss', 'delta', o.delta, 0, Number.POSITIVE_INFINITY, true),
);

/**
 * Huber loss, `(input, target)` in PyTorch's order: quadratic near the target, linear far from it, so outliers
 * pull with a bounded force $\delta$.
 *
 * With $d_i = x_i - y_i$: $\ell_i = \tfrac12 d_i^2$ if $|d_i| < \delta$, else $\delta(|d_i| - \tfrac12\delta)$;
 * gradient $\operatorname{clip}(d_i, -\delta, \delta)$. Reduced by mean, sum or none.
 *
 * @param input - predictions $x$.
 * @param target - targets $y$, same shape and dtype.
 * @param options - see {@link HuberLossOptions}.
 * @returns a scalar, or a tensor of `input`'s shape for `'none'`.
 * @example
 * ```ts
 * import { tensor } from '@dl/tensor';
 * import { huberLoss } from '@dl/loss';
 * huberLoss(tensor([0.5, 3]), tensor([0, 0]), { reduction: 'none' }).toArray(); // [0.125, 2.5]
 * ```
 * @see {@link https://pytorch.org/docs/1.13/generated/torch.nn.HuberLoss.html | torch.nn.HuberLoss}
 */
export function huberLoss(input: Tensor, target: Tensor, options?: HuberLossOptions): Tensor {
  return lossValue(HUBER, [input, target], options);
}

/**
 * {@link huberLoss} on plain arrays: the value and the analytic gradient $s\,\operatorname{clip}(x_i - y_i,
 * -\delta, \delta)$, by the same formulas, without autograd.
 *
 * @param input - predictions (`TensorData`, `Float32Array`, `Float64Array` or a tensor).
 * @param target - targets, same shape.
 * @param options - see {@link HuberLossOptions}.
 * @returns the loss and its gradient with respect to `input`.
 * @example
 * ```ts
 * import { huberLossValueAndGrad } from '@dl/loss';
 * const r = huberLossValueAndGrad(new Float32Array([0.5, 3]), new Float32Array([0, 0]), { reduction: 'sum' });
 * Array.from(r.grad.data); // [0.5, 1]
 * ```
 */
export function huberLossValueAndGrad(
  input: PlainFloat,
  target: PlainFloat,
  options?: HuberLossOptions,
): LossValueAndGrad {
  return lossValueAndGrad(HUBER, [input, target], options, 2);
}
