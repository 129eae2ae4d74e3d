import { defineOptions } from '@dl/internal';
import { mul, neg, type Tensor } from '@dl/tensor';
import {
  type ClassLayout,
  type ClassTargets,
  classLayout,
  classTargets,
  fromRows,
  nllOfLogProbs,
  nllRowScales,
  oneHotRows,
  toLossShape,
  toRows,
} from './_classes';
import {
  type ClassIndices,
  checkReduction,
  type LossSpec,
  type LossValueAndGrad,
  lossValue,
  lossValueAndGrad,
  type PlainFloat,
  type Reduction,
} from './_core';

/** Options of {@link nllLoss}. */
export interface NllLossOptions {
  /**
   * `'mean'` (the weighted mean $\sum_i w_{y_i}\ell_i / \sum_i w_{y_i}$ over rows that are not ignored),
   * `'sum'`, or `'none'` (one value per row, 0 at ignored rows).
   * @defaultValue 'mean'
   */
  reduction?: Reduction;
  /**
   * A non-negative weight per class (`C` numbers).
   * @defaultValue undefined (all ones)
   */
  weight?: Tensor | readonly number[] | Float32Array | Float64Array;
  /**
   * A target equal to this is ignored (no loss, no gradient, left out of the mean).
   * @defaultValue -100
   */
  ignoreIndex?: number;
}

const FN = 'nllLoss';
const readOptions = defineOptions<NllLossOptions>()(FN, {
  reduction: 'mean',
  weight: undefined,
  ignoreIndex: -100,
});

interface Resolved {
  reduction: string;
  layout: ClassLayout;
  targets: ClassTargets;
}

const NLL: LossSpec<Resolved> = {
  fn: FN,
  prepare(args, options) {
    const { x, layout } = classLayout(FN, args[0]);
    const r = readOptions(options);
    const reduction = checkReduction(FN, r.reduction, ['none', 'mean', 'sum']);
    if (typeof r.ignoreIndex !== 'number' || !Number.isInteger(r.ignoreIndex)) {
      throw new TypeError(`${FN}: ignoreIndex must be an integer, got ${String(r.ignoreIndex)}`);
    }
    const targets = classTargets(FN, args[1], layout, r.weight, r.ignoreIndex);
    return { args: [x], o: { reduction, layout, targets } };
  },
  value: ([x], o) =>
    toLossShape(nllOfLogProbs(toRows(x!, o.layout), o.targets, 0, o.reduction), o.layout, o.reduction),
  inputGrad([x], o, g) {
    const { a } = nllRowScales(g, o.targets, o.layout.classes, 0, o.reduction);
    return fromRows(neg(mul(oneHotRows(o.targets, o.layout.classes, x!.dtype), a)), o.layout);
  },
};

/**
 * Negative log-likelihood of log-probabilities, `(input, target)` in PyTorch's order: {@link crossEntropyLoss}
 * without its `logSoftmax` (pair it with `logSoftmax(x, { axis: 1 })`).
 *
 * $\ell_i = -w_{y_i}\,x_{i y_i}$ (0 where $y_i$ = `ignoreIndex`); `'mean'` divides the sum by
 * $\sum_i w_{y_i}$ over the rows that count. `input` is `(N, C)`, `(N, C, d1, …)` or `(C)`; `target` holds class
 * indices of shape `(N, d1, …)` (an int32 tensor, an array or a typed array).
 *
 * @param input - log-probabilities $x$.
 * @param target - class indices in $[0, C)$ or `ignoreIndex`.
 * @param options - see {@link NllLossOptions}.
 * @returns a scalar, or the per-row losses for `'none'`.
 * @example
 * ```ts
 * import { tensor } from '@dl/tensor';
 * import { nllLoss } from '@dl/loss';
 * const logp = tensor([[-0.5, -1], [-2, -0.25]]);
 * nllLoss(logp, [0, 1]).item(); // 0.375
 * nllLoss(logp, [0, 1], { weight: [1, 3] }).item(); // 0.3125
 * ```
 * @see {@link https://pytorch.org/docs/1.13/generated/torch.nn.NLLLoss.html | torch.nn.NLLLoss}
 */
export function nllLoss(input: Tensor, target: ClassIndices, options?: NllLossOptions): Tensor {
  return lossValue(NLL, [input, target], options);
}

/**
 * {@link nllLoss} on plain arrays: the value and the analytic gradient $-s_i w_{y_i} [j = y_i]$, by the same
 * formulas, without autograd.
 *
 * @param input - log-probabilities (`TensorData`, a typed array of shape `(C)`, or a tensor).
 * @param target - class indices (`Int32Array`, array).
 * @param options - see {@link NllLossOptions}.
 * @returns the loss and its gradient with respect to `input`.
 * @example
 * ```ts
 * import { nllLossValueAndGrad } from '@dl/loss';
 * const r = nllLossValueAndGrad({ shape: [2, 2], data: new Float32Array([-0.5, -1, -2, -0.25]) }, [0, 1]);
 * Array.from(r.grad.data); // [-0.5, 0, 0, -0.5]
 * ```
 */
export function nllLossValueAndGrad(
  input: PlainFloat,
  target: ClassIndices,
  options?: NllLossOptions,
): LossValueAndGrad {
  return lossValueAndGrad(NLL, [input, target], options, 1);
}
