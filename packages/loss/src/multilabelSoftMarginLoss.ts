import { defineOptions } from '@dl/internal';
import { add, div, logSigmoid, mul, neg, reshape, sigmoid, sub, sum, type Tensor } from '@dl/tensor';
import {
  checkBinary,
  checkFloat,
  checkReduction,
  classWeights,
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

/** Options of {@link multilabelSoftMarginLoss}. */
export interface MultilabelSoftMarginLossOptions {
  /**
   * `'mean'` over the rows, `'sum'`, or `'none'` (one value per row).
   * @defaultValue 'mean'
   */
  reduction?: Reduction;
  /**
   * A non-negative weight per class (`C` numbers).
   * @defaultValue undefined (all ones)
   */
  weight?: Tensor | readonly number[] | Float32Array | Float64Array;
}

const FN = 'multilabelSoftMarginLoss';
const readOptions = defineOptions<MultilabelSoftMarginLossOptions>()(FN, {
  reduction: 'mean',
  weight: undefined,
});

interface Resolved {
  reduction: string;
  weight: Tensor | undefined;
  classes: number;
}

const MULTILABEL: LossSpec<Resolved> = {
  fn: FN,
  prepare(args, options) {
    const x = checkFloat(FN, 'input', args[0]);
    if (x.rank < 1 || x.rank > 2) {
      throw new RangeError(`${FN}: input must have shape (N, C) or (C), got ${shapeText(x.shape)}`);
    }
    const y = checkBinary(FN, 'target', args[1], x.shape, x.dtype);
    const r = readOptions(options);
    const reduction = checkReduction(FN, r.reduction, ['none', 'mean', 'sum']);
    const classes = x.shape[x.rank - 1]!;
    const w = classWeights(FN, 'weight', r.weight, classes);
    return {
      args: [x, y],
      o: { reduction, classes, weight: w === undefined ? undefined : constant(w, [classes], x.dtype) },
    };
  },
  value([x, y], o) {
    const l = neg(add(mul(y!, logSigmoid(x!)), mul(sub(1, y!), logSigmoid(neg(x!)))));
    const wl = o.weight === undefined ? l : mul(l, o.weight);
    return reduce(div(sum(wl, { axis: -1 }), o.classes), o.reduction);
  },
  inputGrad([x, y], o, g) {
    const rowShape = x!.shape.slice(0, -1);
    const s = seedOf(g, o.reduction, rowShape);
    const d = div(sub(sigmoid(x!), y!), o.classes);
    const wd = o.weight === undefined ? d : mul(d, o.weight);
    return mul(o.reduction === 'none' && x!.rank === 2 ? reshape(s, [rowShape[0]!, 1]) : s, wd);
  },
};

/**
 * Multi-label one-versus-all loss from logits, `(input, target)` in PyTorch's order: a binary cross-entropy per
 * class, averaged over the classes.
 *
 * $\ell_i = -\frac{1}{C}\sum_c w_c\,[\,y_{ic}\ln\sigma(x_{ic}) + (1 - y_{ic})\ln\sigma(-x_{ic})\,]$, stable for
 * any logit. `target` holds 0 and 1 (an integer tensor / array) or is a float tensor of `input`'s shape.
 *
 * @param input - logits, `(N, C)` or `(C)`.
 * @param target - 0/1 labels of `input`'s shape.
 * @param options - see {@link MultilabelSoftMarginLossOptions}.
 * @returns a scalar, or one value per row for `'none'`.
 * @example
 * ```ts
 * import { tensor } from '@dl/tensor';
 * import { multilabelSoftMarginLoss } from '@dl/loss';
 * multilabelSoftMarginLoss(tensor([[0, 0]], { dtype: 'float64' }), [1, 0]).item(); // 0.6931471805599453
 * ```
 * @see {@link https://pytorch.org/docs/1.13/generated/torch.nn.MultiLabelSoftMarginLoss.html | torch.nn.MultiLabelSoftMarginLoss}
 */
export function multilabelSoftMarginLoss(
  input: Tensor,
  target: Tensor | readonly number[] | Int32Array,
  options?: MultilabelSoftMarginLossOptions,
): Tensor {
  return lossValue(MULTILABEL, [input, target], options);
}

/**
 * {@link multilabelSoftMarginLoss} on plain arrays: the value and the analytic gradient
 * $s_i\,w_c(\sigma(x_{ic}) - y_{ic})/C$, by the same formulas, without autograd.
 *
 * @param input - logits (`TensorData`, `Float32Array`, `Float64Array` or a tensor).
 * @param target - 0/1 labels.
 * @param options - see {@link MultilabelSoftMarginLossOptions}.
 * @returns the loss and its gradient with respect to `input`.
 * @example
 * ```ts
 * import { multilabelSoftMarginLossValueAndGrad } from '@dl/loss';
 * Array.from(multilabelSoftMarginLossValueAndGrad({ shape: [1, 2], data: new Float32Array([0, 0]) }, [1, 0]).grad.data); // [-0.25, 0.25]
 * ```
 */
export function multilabelSoftMarginLossValueAndGrad(
  input: PlainFloat,
  target: PlainFloat | readonly number[] | Int32Array,
  options?: MultilabelSoftMarginLossOptions,
): LossValueAndGrad {
  return lossValueAndGrad(MULTILABEL, [input, target], options, 1);
}
