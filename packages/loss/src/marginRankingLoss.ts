import { defineOptions } from '@dl/internal';
import { add, greater, mul, neg, relu, sub, type Tensor } from '@dl/tensor';
import {
  type LossSpec,
  type LossValueAndGrad,
  lossValue,
  lossValueAndGrad,
  type PlainFloat,
  type Reduction,
  reduce,
  seedOf,
} from './_core';
import { type MarginResolved, preparePair } from './_pairs';

/** Options of {@link marginRankingLoss}. */
export interface MarginRankingLossOptions {
  /**
   * `'mean'` over all elements, `'sum'`, or `'none'`.
   * @defaultValue 'mean'
   */
  reduction?: Reduction;
  /**
   * How far the higher-ranked input must lead.
   * @defaultValue 0
   */
  margin?: number;
}

const FN = 'marginRankingLoss';
const readOptions = defineOptions<MarginRankingLossOptions>()(FN, { reduction: 'mean', margin: 0 });

/** @internal −y (x1 − x2) + margin. */
function hinge(args: readonly Tensor[], o: MarginResolved): Tensor {
  return add(mul(neg(args[2]!), sub(args[0]!, args[1]!)), o.margin);
}

const MARGIN_RANKING: LossSpec<MarginResolved> = {
  fn: FN,
  prepare: (args, options) =>
    preparePair(FN, args, options, readOptions, (x1) => x1.shape, [
      Number.NEGATIVE_INFINITY,
      Number.POSITIVE_INFINITY,
    ]),
  value: (args, o) => reduce(relu(hinge(args, o)), o.reduction),
  inputGrad: (args, o, g) =>
    mul(seedOf(g, o.reduction, args[0]!.shape), mul(neg(args[2]!), greater(hinge(args, o), 0))),
};

/**
 * Margin ranking loss, `(input1, input2, target)` in PyTorch's order: $y = 1$ says `input1` should rank higher
 * than `input2`, $y = -1$ the opposite.
 *
 * $\ell_i = \max(0, -y_i (x^{(1)}_i - x^{(2)}_i) + \text{margin})$. `target` holds 1 and -1 only.
 *
 * @param input1 - scores $x^{(1)}$.
 * @param input2 - scores $x^{(2)}$, same shape and dtype.
 * @param target - 1 or -1 per element (a tensor, an array or a typed array).
 * @param options - see {@link MarginRankingLossOptions}.
 * @returns a scalar, or a tensor of `input1`'s shape for `'none'`.
 * @example
 * ```ts
 * import { tensor } from '@dl/tensor';
 * import { marginRankingLoss } from '@dl/loss';
 * marginRankingLoss(tensor([1, 0]), tensor([0, 1]), [1, 1], { margin: 0.5, reduction: 'none' }).toArray(); // [0, 1.5]
 * ```
 * @see {@link https://pytorch.org/docs/1.13/generated/torch.nn.MarginRankingLoss.html | torch.nn.MarginRankingLoss}
 */
export function marginRankingLoss(
  input1: Tensor,
  input2: Tensor,
  target: Tensor | readonly number[] | Int32Array,
  options?: MarginRankingLossOptions,
): Tensor {
  return lossValue(MARGIN_RANKING, [input1, input2, target], options);
}

/**
 * {@link marginRankingLoss} on plain arrays: the value and the analytic gradient with respect to `input1`,
 * $-s\,y_i\,[\ell_i > 0]$ (the gradient for `input2` is its negative), by the same formulas, without autograd.
 *
 * @param input1 - scores (`TensorData`, `Float32Array`, `Float64Array` or a tensor).
 * @param input2 - scores, same shape.
 * @param target - 1 or -1 per element.
 * @param options - see {@link MarginRankingLossOptions}.
 * @returns the loss and its gradient with respect to `input1`.
 * @example
 * ```ts
 * import { marginRankingLossValueAndGrad } from '@dl/loss';
 * const r = marginRankingLossValueAndGrad(new Float32Array([1, 0]), new Float32Array([0, 1]), [1, 1]);
 * Array.from(r.grad.data); // [0, -0.5]
 * ```
 */
export function marginRankingLossValueAndGrad(
  input1: PlainFloat,
  input2: PlainFloat,
  target: PlainFloat | readonly number[] | Int32Array,
  options?: MarginRankingLossOptions,
): LossValueAndGrad {
  return lossValueAndGrad(MARGIN_RANKING, [input1, input2, target], options, 2);
}
