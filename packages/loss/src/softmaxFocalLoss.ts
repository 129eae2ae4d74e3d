import { defineOptions } from '@dl/internal';
import { add, div, exp, expm1, mul, neg, pow, reshape, sub, sum, type Tensor } from '@dl/tensor';
import {
  type ClassLayout,
  type ClassTargets,
  classLayout,
  classTargets,
  fromRows,
  logProbRows,
  oneHotRows,
  pick,
  toLossShape,
} from './_classes';
import {
  type ClassIndices,
  checkNumber,
  checkReduction,
  constant,
  type LossSpec,
  type LossValueAndGrad,
  lossValue,
  lossValueAndGrad,
  type PlainFloat,
  type Reduction,
} from './_core';

/** Options of {@link softmaxFocalLoss}. */
export interface SoftmaxFocalLossOptions {
  /**
   * The focusing exponent $\gamma \ge 0$ (0 gives the cross-entropy).
   * @defaultValue 2
   */
  gamma?: number;
  /**
   * A non-negative weight per class, $\alpha_c$ (`C` numbers).
   * @defaultValue undefined (all ones)
   */
  alpha?: Tensor | readonly number[] | Float32Array | Float64Array;
  /**
   * A target equal to this is ignored (no loss, no gradient, left out of the mean).
   * @defaultValue -100
   */
  ignoreIndex?: number;
  /**
   * `'mean'` over the rows that are not ignored, `'sum'`, or `'none'` (one value per row, 0 at ignored rows).
   * @defaultValue 'mean'
   */
  reduction?: Reduction;
}

const FN = 'softmaxFocalLoss';
const readOptions = defineOptions<SoftmaxFocalLossOptions>()(FN, {
  gamma: 2,
  alpha: undefined,
  ignoreIndex: -100,
  reduction: 'mean',
});

interface Resolved {
  reduction: string;
  gamma: number;
  layout: ClassLayout;
  targets: ClassTargets;
  count: number;
}

/** @internal log p_y, 1 − p_y (as −expm1(log p_y), accurate near p_y = 1) and the row weights α_y · valid. */
function terms(x: Tensor, o: Resolved) {
  const logp = logProbRows(x, o.layout);
  const lpy = pick(logp, o.targets);
  const q = neg(expm1(lpy));
  const w = constant(o.targets.rowWeight, [o.layout.rows], x.dtype);
  return { logp, lpy, q, w };
}

const SOFTMAX_FOCAL: LossSpec<Resolved> = {
  fn: FN,
  prepare(args, options) {
    const { x, layout } = classLayout(FN, args[0]);
    const r = readOptions(options);
    const reduction = checkReduction(FN, r.reduction, ['none', 'mean', 'sum']);
    const gamma = checkNumber(FN, 'gamma', r.gamma, 0);
    if (typeof r.ignoreIndex !== 'number' || !Number.isInteger(r.ignoreIndex)) {
      throw new TypeError(`${FN}: ignoreIndex must be an integer, got ${String(r.ignoreIndex)}`);
    }
    const targets = classTargets(FN, args[1], layout, r.alpha, r.ignoreIndex);
    const count = targets.valid.reduce((s, v) => s + v, 0);
    return { args: [x], o: { reduction, gamma, layout, targets, count } };
  },
  value([x], o) {
    const { lpy, q, w } = terms(x!, o);
    const focal = o.gamma === 0 ? lpy : mul(pow(q, o.gamma), lpy);
    const rows = neg(mul(focal, w));
    if (o.reduction === 'none') return toLossShape(rows, o.layout, 'none');
    const total = sum(rows);
    return o.reduction === 'sum' ? total : div(total, o.count);
  },
  inputGrad([x], o, g) {
    // ℓ = −α (1 − P)^γ L with L = log p_y, P = e^L: dℓ/dL = α[−(1 − P)^γ + γ (1 − P)^{γ−1} P L]; dL/dx_j = [j = y] − p_j
    const { logp, lpy, q, w } = terms(x!, o);
    const { rows, classes } = o.layout;
    let dl = neg(o.gamma === 0 ? w : mul(pow(q, o.gamma), w));
    if (o.gamma !== 0) dl = add(dl, mul(mul(mul(pow(q, o.gamma - 1), exp(lpy)), lpy), mul(w, o.gamma)));
    const s = o.reduction === 'none' ? reshape(g, [rows]) : o.reduction === 'sum' ? g : div(g, o.count);
    const coef = reshape(mul(dl, s), [rows, 1]);
    const grad = mul(sub(oneHotRows(o.targets, classes, x!.dtype), exp(logp)), coef);
    return fromRows(grad, o.layout);
  },
};

/**
 * Softmax focal loss for multi-class targets, `(input, target)` in PyTorch's argument order: the cross-entropy
 * of each row down-weighted by $(1 - p_{y})^\gamma$ where the model is already confident (Lin et al. 2017,
 * generalized from the sigmoid form). PyTorch has no counterpart; with $\gamma = 0$ it is
 * {@link crossEntropyLoss} with `weight: alpha`, except for the mean (see below).
 *
 * $\ell_i = -\alpha_{y_i}\,(1 - p_{i y_i})^\gamma \log p_{i y_i}$ with $p_i = \operatorname{softmax}(x_i)$,
 * $1 - p$ computed as $-\operatorname{expm1}(\log p)$ (accurate when $p \to 1$); ignored rows give 0 and
 * `'mean'` divides by the number of rows that are not ignored (not by $\sum \alpha_{y_i}$). `input` is
 * `(N, C)`, `(N, C, d1, …)` or `(C)`.
 *
 * @param input - logits $x$.
 * @param target - class indices (an int32 tensor, an array or a typed array).
 * @param options - see {@link SoftmaxFocalLossOptions}.
 * @returns a scalar, or the per-row losses for `'none'`.
 * @example
 * ```ts
 * import { tensor } from '@dl/tensor';
 * import { softmaxFocalLoss } from '@dl/loss';
 * softmaxFocalLoss(tensor([[0, 0]], { dtype: 'float64' }), [1]).item(); // 0.17328679513998632
 * ```
 */
export function softmaxFocalLoss(
  input: Tensor,
  target: ClassIndices,
  options?: SoftmaxFocalLossOptions,
): Tensor {
  return lossValue(SOFTMAX_FOCAL, [input, target], options);
}

/**
 * {@link softmaxFocalLoss} on plain arrays: the value and the analytic gradient
 * $s_i\,\frac{\partial \ell_i}{\partial L_i}([j = y_i] - p_{ij})$ with $L_i = \log p_{i y_i}$, by the same
 * formulas, without autograd.
 *
 * @param input - logits (`TensorData`, a typed array of shape `(C)`, or a tensor).
 * @param target - class indices.
 * @param options - see {@link SoftmaxFocalLossOptions}.
 * @returns the loss and its gradient with respect to `input`.
 * @example
 * ```ts
 * import { softmaxFocalLossValueAndGrad } from '@dl/loss';
 * softmaxFocalLossValueAndGrad(new Float64Array([0, 0]), [1]).value; // 0.17328679513998632
 * ```
 */
export function softmaxFocalLossValueAndGrad(
  input: PlainFloat,
  target: ClassIndices,
  options?: SoftmaxFocalLossOptions,
): LossValueAndGrad {
  return lossValueAndGrad(SOFTMAX_FOCAL, [input, target], options, 1);
}
