import { defineOptions } from '@dl/internal';
import { add, logSigmoid, mul, neg, pow, sigmoid, sub, type Tensor } from '@dl/tensor';
import {
  checkNumber,
  type LossValueAndGrad,
  lossValue,
  lossValueAndGrad,
  type PlainFloat,
  type Reduction,
} from './_core';
import { pointwiseSpec } from './_pointwise';

/** Options of {@link sigmoidFocalLoss}. */
export interface SigmoidFocalLossOptions {
  /**
   * The weight of positives, $\alpha_t = \alpha y + (1 - \alpha)(1 - y)$; a negative value turns the weighting
   * off (as torchvision).
   * @defaultValue 0.25
   */
  alpha?: number;
  /**
   * The focusing exponent $\gamma \ge 0$: easy examples ($p_t \to 1$) are down-weighted by $(1 - p_t)^\gamma$.
   * @defaultValue 2
   */
  gamma?: number;
  /**
   * `'none'` (torchvision's default: one value per element), `'mean'` or `'sum'`.
   * @defaultValue 'none'
   */
  reduction?: Reduction;
}

const FN = 'sigmoidFocalLoss';

interface Parts {
  ce: Tensor;
  oneMinusPt: Tensor;
  alphaT: Tensor | undefined;
  s: Tensor;
}

/** @internal torchvision's intermediate terms: ce (stable BCE with logits), 1 − p_t and α_t. */
function parts(x: Tensor, y: Tensor, alpha: number): Parts {
  const s = sigmoid(x);
  const ce = add(mul(sub(1, y), x), neg(logSigmoid(x)));
  const pt = add(mul(s, y), mul(sub(1, s), sub(1, y)));
  const alphaT = alpha >= 0 ? add(mul(y, alpha), mul(sub(1, y), 1 - alpha)) : undefined;
  return { ce, oneMinusPt: sub(1, pt), alphaT, s };
}

const SIGMOID_FOCAL = /* @__PURE__ */ pointwiseSpec(
  FN,
  /* @__PURE__ */ defineOptions<SigmoidFocalLossOptions>()(FN, { alpha: 0.25, gamma: 2, reduction: 'none' }),
  (x, y, o) => {
    const { ce, oneMinusPt, alphaT } = parts(x, y, o.alpha);
    const l = o.gamma === 0 ? ce : mul(ce, pow(oneMinusPt, o.gamma));
    return alphaT === undefined ? l : mul(alphaT, l);
  },
  (x, y, o) => {
    // d/dx [ce (1 − p_t)^γ] = (σ − y)(1 − p_t)^γ − γ ce (1 − p_t)^{γ−1} σ(1 − σ)(2y − 1)
    const { ce, oneMinusPt, alphaT, s } = parts(x, y, o.alpha);
    const dce = sub(s, y);
    let d = dce;
    if (o.gamma !== 0) {
      const dpt = mul(mul(s, sigmoid(neg(x))), sub(mul(y, 2), 1));
      d = sub(
        mul(dce, pow(oneMinusPt, o.gamma)),
        mul(mul(ce, pow(oneMinusPt, o.gamma - 1)), mul(dpt, o.gamma)),
      );
    }
    return alphaT === undefined ? d : mul(alphaT, d);
  },
  (o) => {
    checkNumber(FN, 'gamma', o.gamma, 0);
    checkNumber(FN, 'alpha', o.alpha, Number.NEGATIVE_INFINITY, 1);
  },
);

/**
 * Sigmoid focal loss (Lin et al. 2017, RetinaNet), `(input, target)` in PyTorch's order, exactly as
 * torchvision's `sigmoid_focal_loss(inputs, targets, alpha, gamma, reduction)`.
 *
 * $\ell_i = \alpha_t\,(1 - p_t)^\gamma\,\mathrm{BCE}(x_i, y_i)$ with $p = \sigma(x)$, $p_t = p y + (1 - p)(1 - y)$,
 * $\alpha_t = \alpha y + (1 - \alpha)(1 - y)$ and the stable binary cross-entropy of {@link bceWithLogitsLoss}.
 * Note torchvision's default reduction, `'none'`.
 *
 * @param input - logits $x$.
 * @param target - targets $y \in [0, 1]$, same shape and dtype.
 * @param options - see {@link SigmoidFocalLossOptions}.
 * @returns a tensor of `input`'s shape (`'none'`), or a scalar.
 * @example
 * ```ts
 * import { tensor } from '@dl/tensor';
 * import { sigmoidFocalLoss } from '@dl/loss';
 * sigmoidFocalLoss(tensor([0, 0], { dtype: 'float64' }), tensor([1, 0], { dtype: 'float64' })).toArray(); // [0.04332169878499658, 0.12996509635498974]
 * ```
 * @see {@link https://pytorch.org/vision/0.14/generated/torchvision.ops.sigmoid_focal_loss.html | torchvision.ops.sigmoid_focal_loss}
 */
export function sigmoidFocalLoss(input: Tensor, target: Tensor, options?: SigmoidFocalLossOptions): Tensor {
  return lossValue(SIGMOID_FOCAL, [input, target], options);
}

/**
 * {@link sigmoidFocalLoss} on plain arrays: the value and the analytic gradient
 * $s\,\alpha_t[(\sigma - y)(1 - p_t)^\gamma - \gamma\,\mathrm{BCE}\,(1 - p_t)^{\gamma - 1}\sigma(1 - \sigma)(2y -
 * 1)]$, by the same formulas, without autograd.
 *
 * @param input - logits (`TensorData`, `Float32Array`, `Float64Array` or a tensor).
 * @param target - targets, same shape.
 * @param options - see {@link SigmoidFocalLossOptions}.
 * @returns the loss and its gradient with respect to `input`.
 * @example
 * ```ts
 * import { sigmoidFocalLossValueAndGrad } from '@dl/loss';
 * sigmoidFocalLossValueAndGrad(new Float32Array([0]), new Float32Array([1]), { reduction: 'sum' }).value; // 0.043321698904037476
 * ```
 */
export function sigmoidFocalLossValueAndGrad(
  input: PlainFloat,
  target: PlainFloat,
  options?: SigmoidFocalLossOptions,
): LossValueAndGrad {
  return lossValueAndGrad(SIGMOID_FOCAL, [input, target], options, 2);
}
