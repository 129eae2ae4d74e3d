import { defineOptions } from '@dl/internal';
import {
  abs,
  add,
  div,
  greater,
  lessEqual,
  minimum,
  mul,
  pow,
  relu,
  sign,
  sqrt,
  square,
  sub,
  sum,
  type Tensor,
  unsqueeze,
} from '@dl/tensor';
import {
  checkFloat,
  checkNumber,
  checkReduction,
  checkSame,
  type LossSpec,
  type LossValueAndGrad,
  lossValue,
  lossValueAndGrad,
  type PlainFloat,
  type Reduction,
  reduce,
  seedOf,
  shapeText,
} from './_core';

/** Options of {@link tripletMarginLoss}. */
export interface TripletMarginLossOptions {
  /**
   * `'mean'` over the triplets, `'sum'`, or `'none'` (one value per triplet).
   * @defaultValue 'mean'
   */
  reduction?: Reduction;
  /**
   * How much closer the positive must be than the negative.
   * @defaultValue 1
   */
  margin?: number;
  /**
   * The norm of the distances (> 0).
   * @defaultValue 2
   */
  p?: number;
  /**
   * Added to every difference before the norm (PyTorch's `pairwise_distance`), so that the norm is
   * differentiable at equal points.
   * @defaultValue 1e-6
   */
  eps?: number;
  /**
   * Use the positive–negative distance instead when it is smaller ("distance swap", Balntas et al. 2016).
   * @defaultValue false
   */
  swap?: boolean;
}

const FN = 'tripletMarginLoss';
const readOptions = defineOptions<TripletMarginLossOptions>()(FN, {
  reduction: 'mean',
  margin: 1,
  p: 2,
  eps: 1e-6,
  swap: false,
});

interface Resolved {
  reduction: string;
  margin: number;
  p: number;
  eps: number;
  swap: boolean;
}

/** @internal ‖u‖_p over the last axis. */
function norm(u: Tensor, p: number): Tensor {
  if (p === 2) return sqrt(sum(square(u), { axis: -1 }));
  if (p === 1) return sum(abs(u), { axis: -1 });
  return pow(sum(pow(abs(u), p), { axis: -1 }), 1 / p);
}

/** @internal ∂‖u‖_p/∂u = sgn(u)|u|^{p−1} / ‖u‖^{p−1}. */
function normGrad(u: Tensor, d: Tensor, p: number): Tensor {
  const dk = unsqueeze(d, -1);
  if (p === 2) return div(u, dk);
  if (p === 1) return sign(u);
  return div(mul(sign(u), pow(abs(u), p - 1)), pow(dk, p - 1));
}

function distances(args: readonly Tensor[], o: Resolved) {
  const [a, pos, neg] = args as [Tensor, Tensor, Tensor];
  const uap = add(sub(a, pos), o.eps);
  const uan = add(sub(a, neg), o.eps);
  const dap = norm(uap, o.p);
  const dan = norm(uan, o.p);
  const dpn = o.swap ? norm(add(sub(pos, neg), o.eps), o.p) : undefined;
  const dneg = dpn === undefined ? dan : minimum(dan, dpn);
  return { uap, uan, dap, dan, dpn, hinge: add(sub(dap, dneg), o.margin) };
}

const TRIPLET: LossSpec<Resolved> = {
  fn: FN,
  prepare(args, options) {
    const a = checkFloat(FN, 'anchor', args[0]);
    if (a.rank < 1 || a.rank > 2)
      throw new RangeError(`${FN}: anchor must have shape (N, D) or (D), got ${shapeText(a.shape)}`);
    const pos = checkSame(FN, 'positive', args[1], a, 'anchor');
    const neg = checkSame(FN, 'negative', args[2], a, 'anchor');
    const r = readOptions(options);
    const reduction = checkReduction(FN, r.reduction, ['none', 'mean', 'sum']);
    const margin = checkNumber(FN, 'margin', r.margin, 0, Number.POSITIVE_INFINITY, true);
    const p = checkNumber(FN, 'p', r.p, 0, Number.POSITIVE_INFINITY, true);
    const eps = checkNumber(FN, 'eps', r.eps, 0);
    if (typeof r.swap !== 'boolean')
      throw new TypeError(`${FN}: swap must be a boolean, got ${String(r.swap)}`);
    return { args: [a, pos, neg], o: { reduction, margin, p, eps, swap: r.swap } };
  },
  value: (args, o) => reduce(relu(distances(args, o).hinge), o.reduction),
  inputGrad(args, o, g) {
    const { uap, uan, dap, dan, dpn, hinge } = distances(args, o);
    const active = greater(hinge, 0);
    const negTerm =
      dpn === undefined
        ? normGrad(uan, dan, o.p)
        : mul(normGrad(uan, dan, o.p), unsqueeze(lessEqual(dan, dpn), -1));
    const s = mul(seedOf(g, o.reduction, hinge.shape), active);
    return mul(sub(normGrad(uap, dap, o.p), negTerm), unsqueeze(s, -1));
  },
};

/**
 * Triplet margin loss, `(anchor, positive, negative)` in PyTorch's order: the anchor should be closer to the
 * positive than to the negative by `margin`.
 *
 * $\ell_i = \max(0,\ d(a_i, p_i) - d(a_i, n_i) + \text{margin})$ with $d(u, v) = \lVert u - v + \epsilon
 * \rVert_p$ (PyTorch's `pairwise_distance`); with `swap`, $d(a_i, n_i)$ is replaced by $\min(d(a_i, n_i), d(p_i,
 * n_i))$. Inputs are `(N, D)` or `(D)`. Accuracy: as PyTorch within 1e-6 relative in float32 for p = 1, 2; for
 * other p, whose norm takes two separately rounded powers, within 2e-6.
 *
 * @param anchor - embeddings $a$.
 * @param positive - embeddings $p$, same shape and dtype.
 * @param negative - embeddings $n$, same shape and dtype.
 * @param options - see {@link TripletMarginLossOptions}.
 * @returns a scalar, or one value per triplet for `'none'`.
 * @example
 * ```ts
 * import { tensor } from '@dl/tensor';
 * import { tripletMarginLoss } from '@dl/loss';
 * const a = tensor([[0, 0]], { dtype: 'float64' });
 * tripletMarginLoss(a, tensor([[3, 4]], { dtype: 'float64' }), tensor([[1, 0]], { dtype: 'float64' }), { eps: 0 }).item(); // 5
 * ```
 * @see {@link https://pytorch.org/docs/1.13/generated/torch.nn.TripletMarginLoss.html | torch.nn.TripletMarginLoss}
 */
export function tripletMarginLoss(
  anchor: Tensor,
  positive: Tensor,
  negative: Tensor,
  options?: TripletMarginLossOptions,
): Tensor {
  return lossValue(TRIPLET, [anchor, positive, negative], options);
}

/**
 * {@link tripletMarginLoss} on plain arrays: the value and the analytic gradient with respect to the anchor,
 * $s\,[\ell_i > 0]\,(\nabla_a d(a_i, p_i) - \nabla_a d(a_i, n_i))$, by the same formulas, without autograd.
 *
 * @param anchor - embeddings (`TensorData`, `Float32Array`, `Float64Array` or a tensor).
 * @param positive - embeddings, same shape.
 * @param negative - embeddings, same shape.
 * @param options - see {@link TripletMarginLossOptions}.
 * @returns the loss and its gradient with respect to `anchor`.
 * @example
 * ```ts
 * import { tripletMarginLossValueAndGrad } from '@dl/loss';
 * const r = tripletMarginLossValueAndGrad(new Float64Array([0, 0]), new Float64Array([3, 4]), new Float64Array([1, 0]), { eps: 0 });
 * Array.from(r.grad.data); // [0.4, -0.8]
 * ```
 */
export function tripletMarginLossValueAndGrad(
  anchor: PlainFloat,
  positive: PlainFloat,
  negative: PlainFloat,
  options?: TripletMarginLossOptions,
): LossValueAndGrad {
  return lossValueAndGrad(TRIPLET, [anchor, positive, negative], options, 3);
}
