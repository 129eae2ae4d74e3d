import { defineOptions } from '@dl/internal';
import {
  add,
  div,
  gather,
  greater,
  mul,
  relu,
  reshape,
  square,
  sub,
  sum,
  type Tensor,
  tensor,
} from '@dl/tensor';
import { type ClassLayout, type ClassTargets, classLayout, classTargets, oneHotRows } from './_classes';
import {
  type ClassIndices,
  checkReduction,
  constant,
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

/** Options of {@link multiMarginLoss}. */
export interface MultiMarginLossOptions {
  /**
   * `'mean'` over the rows, `'sum'`, or `'none'` (one value per row).
   * @defaultValue 'mean'
   */
  reduction?: Reduction;
  /**
   * The power of the hinge: 1 or 2.
   * @defaultValue 1
   */
  p?: 1 | 2;
  /**
   * How far the true class's score must lead every other.
   * @defaultValue 1
   */
  margin?: number;
  /**
   * A non-negative weight per class (`C` numbers), applied by the true class.
   * @defaultValue undefined (all ones)
   */
  weight?: Tensor | readonly number[] | Float32Array | Float64Array;
}

const FN = 'multiMarginLoss';
const readOptions = defineOptions<MultiMarginLossOptions>()(FN, {
  reduction: 'mean',
  p: 1,
  margin: 1,
  weight: undefined,
});

interface Resolved {
  reduction: string;
  p: number;
  margin: number;
  layout: ClassLayout;
  targets: ClassTargets;
}

/** @internal The hinges h_ij = max(0, margin − x_{i y_i} + x_ij), and the mask j ≠ y_i, as [rows, C]. */
function hinges(x: Tensor, o: Resolved): { h: Tensor; others: Tensor; x2: Tensor } {
  const { rows, classes } = o.layout;
  const x2 = reshape(x, [rows, classes]);
  const xy = gather(x2, tensor(o.targets.safe, { shape: [rows, 1] }), 1);
  const h = relu(add(sub(x2, xy), o.margin));
  const others = sub(1, oneHotRows(o.targets, classes, x.dtype));
  return { h, others, x2 };
}

const MULTI_MARGIN: LossSpec<Resolved> = {
  fn: FN,
  prepare(args, options) {
    const { x, layout } = classLayout(FN, args[0]);
    if (x.rank > 2)
      throw new RangeError(`${FN}: input must have shape (N, C) or (C), got ${shapeText(x.shape)}`);
    const r = readOptions(options);
    const reduction = checkReduction(FN, r.reduction, ['none', 'mean', 'sum']);
    if (r.p !== 1 && r.p !== 2) throw new RangeError(`${FN}: p must be 1 or 2, got ${String(r.p)}`);
    if (typeof r.margin !== 'number' || Number.isNaN(r.margin)) {
      throw new RangeError(`${FN}: margin must be a number, got ${String(r.margin)}`);
    }
    const targets = classTargets(FN, args[1], layout, r.weight, undefined);
    return { args: [x], o: { reduction, p: r.p, margin: r.margin, layout, targets } };
  },
  value([x], o) {
    const { h, others } = hinges(x!, o);
    const hp = o.p === 1 ? h : square(h);
    const { rows, classes } = o.layout;
    const row = mul(
      div(sum(mul(hp, others), { axis: 1 }), classes),
      constant(o.targets.rowWeight, [rows], x!.dtype),
    );
    return reduce(reshape(row, [...o.layout.lossShape]), o.reduction);
  },
  inputGrad([x], o, g) {
    const { h, others } = hinges(x!, o);
    const { rows, classes } = o.layout;
    const dh = o.p === 1 ? greater(h, 0) : mul(h, 2);
    const s = reshape(
      seedOf(g, o.reduction, o.layout.lossShape),
      o.reduction === 'none' ? [rows, 1] : [1, 1],
    );
    const scale = mul(
      s,
      constant(
        o.targets.rowWeight.map((w) => w / classes),
        [rows, 1],
        x!.dtype,
      ),
    );
    const gOthers = mul(mul(dh, others), scale);
    const gTrue = mul(oneHotRows(o.targets, classes, x!.dtype), sum(gOthers, { axis: 1, keepDims: true }));
    return reshape(sub(gOthers, gTrue), [...o.layout.inputShape]);
  },
};

/**
 * Multi-class hinge (margin) loss, `(input, target)` in PyTorch's order: the true class's score should beat
 * every other by `margin`.
 *
 * $\ell_i = \frac{1}{C}\sum_{j \ne y_i} w_{y_i}\max(0, \text{margin} - x_{i y_i} + x_{ij})^p$ with $p \in \{1,
 * 2\}$. `input` is `(N, C)` or `(C)`; `target` holds class indices.
 *
 * @param input - class scores $x$.
 * @param target - class indices in $[0, C)$.
 * @param options - see {@link MultiMarginLossOptions}.
 * @returns a scalar, or one value per row for `'none'`.
 * @example
 * ```ts
 * import { tensor } from '@dl/tensor';
 * import { multiMarginLoss } from '@dl/loss';
 * multiMarginLoss(tensor([[0.25, 0.5, 1]]), [2]).item(); // 0.25
 * ```
 * @see {@link https://pytorch.org/docs/1.13/generated/torch.nn.MultiMarginLoss.html | torch.nn.MultiMarginLoss}
 */
export function multiMarginLoss(
  input: Tensor,
  target: ClassIndices,
  options?: MultiMarginLossOptions,
): Tensor {
  return lossValue(MULTI_MARGIN, [input, target], options);
}

/**
 * {@link multiMarginLoss} on plain arrays: the value and the analytic gradient (for $j \ne y_i$,
 * $s\,w_{y_i}\,p\,h_{ij}^{p-1}[h_{ij} > 0]/C$; for $y_i$, minus their sum), by the same formulas, without autograd.
 *
 * @param input - class scores (`TensorData`, a typed array of shape `(C)`, or a tensor).
 * @param target - class indices.
 * @param options - see {@link MultiMarginLossOptions}.
 * @returns the loss and its gradient with respect to `input`.
 * @example
 * ```ts
 * import { multiMarginLossValueAndGrad } from '@dl/loss';
 * Array.from(multiMarginLossValueAndGrad(new Float32Array([0.25, 0.5, 1]), [2]).grad.data); // [0.3333333432674408, 0.3333333432674408, -0.6666666865348816]
 * ```
 */
export function multiMarginLossValueAndGrad(
  input: PlainFloat,
  target: ClassIndices,
  options?: MultiMarginLossOptions,
): LossValueAndGrad {
  return lossValueAndGrad(MULTI_MARGIN, [input, target], options, 1);
}
