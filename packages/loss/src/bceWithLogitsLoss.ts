import { defineOptions } from '@dl/internal';
import { add, logSigmoid, mul, neg, sigmoid, sub, type Tensor } from '@dl/tensor';
import {
  checkBroadcast,
  type LossValueAndGrad,
  lossValue,
  lossValueAndGrad,
  type PlainFloat,
  type Reduction,
} from './_core';
import { pointwiseSpec } from './_pointwise';

/** Options of {@link bceWithLogitsLoss}. */
export interface BceWithLogitsLossOptions {
  /**
   * `'mean'` over all elements, `'sum'`, or `'none'` (per-element values).
   * @defaultValue 'mean'
   */
  reduction?: Reduction;
  /**
   * A weight per element, of a shape that broadcasts to `input`'s.
   * @defaultValue undefined (all ones)
   */
  weight?: Tensor;
  /**
   * The weight $p$ of positive examples, broadcast to `input` (typically one per class, shape `[C]`):
   * $p > 1$ raises recall, $p < 1$ precision.
   * @defaultValue undefined (all ones)
   */
  posWeight?: Tensor;
}

/** @internal ln(1 + e^{-x}) weight: 1 + (p − 1) y. */
function logWeight(y: Tensor, posWeight: Tensor | undefined): Tensor | undefined {
  return posWeight === undefined ? undefined : add(mul(sub(posWeight, 1), y), 1);
}

const BCE_LOGITS = /* @__PURE__ */ pointwiseSpec(
  'bceWithLogitsLoss',
  /* @__PURE__ */ defineOptions<BceWithLogitsLossOptions>()('bceWithLogitsLoss', {
    reduction: 'mean',
    weight: undefined,
    posWeight: undefined,
  }),
  (x, y, o) => {
    const lw = logWeight(y, o.posWeight);
    const softplusNeg = neg(logSigmoid(x)); // ln(1 + e^{-x}), stable for any x
    const l = add(mul(sub(1, y), x), lw === undefined ? softplusNeg : mul(lw, softplusNeg));
    return o.weight === undefined ? l : mul(l, o.weight);
  },
  (x, y, o) => {
    const lw = logWeight(y, o.posWeight);
    const s = sigmoid(neg(x));
    const d = sub(sub(1, y), lw === undefined ? s : mul(lw, s));
    return o.weight === undefined ? d : mul(d, o.weight);
  },
  (o, x) => {
    checkBroadcast('bceWithLogitsLoss', 'weight', o.weight, x);
    checkBroadcast('bceWithLogitsLoss', 'posWeight', o.posWeight, x);
  },
);

/**
 * Binary cross-entropy on logits, `(input, target)` in PyTorch's order: a sigmoid and {@link bceLoss} in one
 * numerically stable formula, finite for any logit (±1e4, float32's maximum).
 *
 * $\ell_i = w_i\,[\,(1 - y_i)\,x_i + (1 + (p_i - 1)\,y_i)\,\ln(1 + e^{-x_i})\,]$ with $\ln(1 + e^{-x}) =
 * -\ln\sigma(x)$ computed as $\max(-x, 0) + \ln(1 + e^{-|x|})$; gradient $w_i\,[(1 - y_i) - (1 + (p_i - 1)
 * y_i)\,\sigma(-x_i)]$. $p$ is `posWeight`.
 *
 * @param input - logits $x$.
 * @param target - targets $y \in [0, 1]$, same shape and dtype.
 * @param options - see {@link BceWithLogitsLossOptions}.
 * @returns a scalar, or a tensor of `input`'s shape for `'none'`.
 * @example
 * ```ts
 * import { tensor } from '@dl/tensor';
 * import { bceWithLogitsLoss } from '@dl/loss';
 * bceWithLogitsLoss(tensor([0, -1e4, 1e4]), tensor([1, 1, 1]), { reduction: 'none' }).toArray(); // [0.6931471824645996, 10000, 0]
 * ```
 * @see {@link https://pytorch.org/docs/1.13/generated/torch.nn.BCEWithLogitsLoss.html | torch.nn.BCEWithLogitsLoss}
 */
export function bceWithLogitsLoss(input: Tensor, target: Tensor, options?: BceWithLogitsLossOptions): Tensor {
  return lossValue(BCE_LOGITS, [input, target], options);
}

/**
 * {@link bceWithLogitsLoss} on plain arrays: the value and the analytic gradient, by the same formulas, without
 * autograd.
 *
 * @param input - logits (`TensorData`, `Float32Array`, `Float64Array` or a tensor).
 * @param target - targets, same shape.
 * @param options - see {@link BceWithLogitsLossOptions}.
 * @returns the loss and its gradient with respect to `input`.
 * @example
 * ```ts
 * import { bceWithLogitsLossValueAndGrad } from '@dl/loss';
 * Array.from(bceWithLogitsLossValueAndGrad(new Float32Array([0, 0]), new Float32Array([1, 0])).grad.data); // [-0.25, 0.25]
 * ```
 */
export function bceWithLogitsLossValueAndGrad(
  input: PlainFloat,
  target: PlainFloat,
  options?: BceWithLogitsLossOptions,
): LossValueAndGrad {
  return lossValueAndGrad(BCE_LOGITS, [input, target], options, 2);
}
