import { defineOptions } from '@dl/internal';
import { add, clip, greater, log, mul, neg, reciprocal, sub, type Tensor, where } from '@dl/tensor';
import {
  checkBroadcast,
  type LossValueAndGrad,
  lossValue,
  lossValueAndGrad,
  type PlainFloat,
  type Reduction,
} from './_core';
import { pointwiseSpec } from './_pointwise';

/** Options of {@link bceLoss}. */
export interface BceLossOptions {
  /**
   * `'mean'` over all elements, `'sum'`, or `'none'` (per-element values).
   * @defaultValue 'mean'
   */
  reduction?: Reduction;
  /**
   * A weight per element, of a shape that broadcasts to `input`'s (for example one per batch row, `[N, 1]`).
   * @defaultValue undefined (all ones)
   */
  weight?: Tensor;
}

/** @internal PyTorch's clamped logarithm: max(ln p, −100), and −100 at p = 0 (with a zero gradient there). */
function clampedLog(p: Tensor): { value: Tensor; derivative: Tensor } {
  const positive = greater(p, 0);
  const safe = where(positive, p, 1);
  const lp = log(safe);
  const value = where(positive, clip(lp, { min: -100 }), -100);
  const derivative = where(greater(lp, -100), where(positive, reciprocal(safe), 0), 0);
  return { value, derivative };
}

function weighted(l: Tensor, w: Tensor | undefined): Tensor {
  return w === undefined ? l : mul(l, w);
}

const BCE = /* @__PURE__ */ pointwiseSpec(
  'bceLoss',
  /* @__PURE__ */ defineOptions<BceLossOptions>()('bceLoss', { reduction: 'mean', weight: undefined }),
  (x, y, o) => {
    const l = add(mul(y, clampedLog(x).value), mul(sub(1, y), clampedLog(sub(1, x)).value));
    return weighted(neg(l), o.weight);
  },
  (x, y, o) => {
    const d = sub(mul(sub(1, y), clampedLog(sub(1, x)).derivative), mul(y, clampedLog(x).derivative));
    return weighted(d, o.weight);
  },
  (o, x, y) => {
    checkBroadcast('bceLoss', 'weight', o.weight, x);
    checkProbabilities('input', x);
    checkProbabilities('target', y);
  },
);

function checkProbabilities(name: string, t: Tensor): void {
  const d = t.data;
  for (let i = 0; i < d.length; i++) {
    const v = d[i]!;
    if (!(v >= 0 && v <= 1)) {
      throw new RangeError(
        `bceLoss: ${name} must hold probabilities in [0, 1], got ${v} at index ${i}${name === 'input' ? ' (for logits use bceWithLogitsLoss)' : ''}`,
      );
    }
  }
}

/**
 * Binary cross-entropy on probabilities, `(input, target)` in PyTorch's order.
 *
 * $\ell_i = -w_i\,[\,y_i \log x_i + (1 - y_i) \log(1 - x_i)\,]$, each logarithm clamped at $-100$ as in PyTorch, so
 * $x_i \in \lbrace 0, 1 \rbrace$ gives a finite loss (the clamped logarithm's gradient is 0 where it is clamped). `input`
 * and `target` must lie in $[0, 1]$ (a `RangeError` otherwise). For logits, {@link bceWithLogitsLoss} is the
 * numerically stable choice.
 *
 * @param input - probabilities $x \in [0, 1]$.
 * @param target - targets $y \in [0, 1]$, same shape and dtype.
 * @param options - see {@link BceLossOptions}.
 * @returns a scalar, or a tensor of `input`'s shape for `'none'`.
 * @example
 * ```ts
 * import { tensor } from '@dl/tensor';
 * import { bceLoss } from '@dl/loss';
 * bceLoss(tensor([0.5, 0], { dtype: 'float64' }), tensor([1, 1], { dtype: 'float64' }), { reduction: 'none' }).toArray(); // [0.6931471805599453, 100]
 * ```
 * @see {@link https://pytorch.org/docs/1.13/generated/torch.nn.BCELoss.html | torch.nn.BCELoss}
 */
export function bceLoss(input: Tensor, target: Tensor, options?: BceLossOptions): Tensor {
  return lossValue(BCE, [input, target], options);
}

/**
 * {@link bceLoss} on plain arrays: the value and the analytic gradient $s\,w_i\,[(1-y_i)/(1-x_i) - y_i/x_i]$
 * (terms whose logarithm is clamped contribute 0), by the same formulas, without autograd.
 *
 * @param input - probabilities (`TensorData`, `Float32Array`, `Float64Array` or a tensor).
 * @param target - targets, same shape.
 * @param options - see {@link BceLossOptions}.
 * @returns the loss and its gradient with respect to `input`.
 * @example
 * ```ts
 * import { bceLossValueAndGrad } from '@dl/loss';
 * Array.from(bceLossValueAndGrad(new Float64Array([0.5, 0.25]), new Float64Array([1, 0])).grad.data); // [-1, 0.6666666666666666]
 * ```
 */
export function bceLossValueAndGrad(
  input: PlainFloat,
  target: PlainFloat,
  options?: BceLossOptions,
): LossValueAndGrad {
  return lossValueAndGrad(BCE, [input, target], options, 2);
}
