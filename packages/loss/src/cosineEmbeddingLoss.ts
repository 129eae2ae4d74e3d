import { defineOptions } from '@dl/internal';
import {
  add,
  div,
  equal,
  greater,
  mul,
  relu,
  sqrt,
  sub,
  sum,
  type Tensor,
  unsqueeze,
  where,
} from '@dl/tensor';
import {
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
import { type MarginResolved, preparePair } from './_pairs';

/** Options of {@link cosineEmbeddingLoss}. */
export interface CosineEmbeddingLossOptions {
  /**
   * `'mean'` over the pairs, `'sum'`, or `'none'` (one value per pair).
   * @defaultValue 'mean'
   */
  reduction?: Reduction;
  /**
   * Dissimilar pairs are penalized only above this cosine, in $[-1, 1]$ (0 to 0.5 is usual).
   * @defaultValue 0
   */
  margin?: number;
}

const FN = 'cosineEmbeddingLoss';
const readOptions = defineOptions<CosineEmbeddingLossOptions>()(FN, { reduction: 'mean', margin: 0 });
/** PyTorch's EPSILON added to each squared norm. */
const EPSILON = 1e-12;

function cosine(x1: Tensor, x2: Tensor) {
  const m1 = add(sum(mul(x1, x1), { axis: -1 }), EPSILON);
  const m2 = add(sum(mul(x2, x2), { axis: -1 }), EPSILON);
  const denom = sqrt(mul(m1, m2));
  return { cos: div(sum(mul(x1, x2), { axis: -1 }), denom), m1, denom };
}

/** One pair per row of (N, D) inputs, or one pair for (D). */
function targetShape(x1: Tensor): readonly number[] {
  if (x1.rank < 1 || x1.rank > 2)
    throw new RangeError(`${FN}: input1 must have shape (N, D) or (D), got ${shapeText(x1.shape)}`);
  return x1.shape.slice(0, -1);
}

const COSINE_EMBEDDING: LossSpec<MarginResolved> = {
  fn: FN,
  prepare: (args, options) => preparePair(FN, args, options, readOptions, targetShape, [-1, 1]),
  value([x1, x2, y], o) {
    const { cos } = cosine(x1!, x2!);
    return reduce(where(equal(y!, 1), sub(1, cos), relu(sub(cos, o.margin))), o.reduction);
  },
  inputGrad([x1, x2, y], o, g) {
    const { cos, m1, denom } = cosine(x1!, x2!);
    const dcos = sub(div(x2!, unsqueeze(denom, -1)), mul(x1!, unsqueeze(div(cos, m1), -1)));
    const coef = where(equal(y!, 1), -1, greater(sub(cos, o.margin), 0));
    return mul(dcos, unsqueeze(mul(seedOf(g, o.reduction, cos.shape), coef), -1));
  },
};

/**
 * Cosine embedding loss, `(input1, input2, target)` in PyTorch's order: similar pairs ($y = 1$) should point the
 * same way, dissimilar ones ($y = -1$) should have a cosine below `margin`.
 *
 * $\ell_i = 1 - \cos(x^{(1)}_i, x^{(2)}_i)$ if $y_i = 1$, $\max(0, \cos(x^{(1)}_i, x^{(2)}_i) - \text{margin})$
 * if $y_i = -1$, with $\cos(u, v) = u \cdot v / \sqrt{(\lVert u\rVert^2 + 10^{-12})(\lVert v\rVert^2 +
 * 10^{-12})}$ as in PyTorch. Inputs are `(N, D)` (target `(N)`) or `(D)` (target `()`).
 *
 * @param input1 - embeddings.
 * @param input2 - embeddings, same shape and dtype.
 * @param target - 1 or -1 per pair.
 * @param options - see {@link CosineEmbeddingLossOptions}.
 * @returns a scalar, or one value per pair for `'none'`.
 * @example
 * ```ts
 * import { tensor } from '@dl/tensor';
 * import { cosineEmbeddingLoss } from '@dl/loss';
 * const u = tensor([[1, 0], [1, 0]]);
 * cosineEmbeddingLoss(u, tensor([[0, 1], [1, 1]]), [1, -1], { reduction: 'none' }).toArray(); // [1, 0.7071067690849304]
 * ```
 * @see {@link https://pytorch.org/docs/1.13/generated/torch.nn.CosineEmbeddingLoss.html | torch.nn.CosineEmbeddingLoss}
 */
export function cosineEmbeddingLoss(
  input1: Tensor,
  input2: Tensor,
  target: Tensor | readonly number[] | Int32Array,
  options?: CosineEmbeddingLossOptions,
): Tensor {
  return lossValue(COSINE_EMBEDDING, [input1, input2, target], options);
}

/**
 * {@link cosineEmbeddingLoss} on plain arrays: the value and the analytic gradient with respect to `input1`
 * ($\mp s\,\partial\cos/\partial x^{(1)}$ with $\partial\cos/\partial u = v/(\ldots) - \cos\,u/(\lVert u\rVert^2 +
 * 10^{-12})$), by the same formulas, without autograd.
 *
 * @param input1 - embeddings (`TensorData`, `Float32Array`, `Float64Array` or a tensor).
 * @param input2 - embeddings, same shape.
 * @param target - 1 or -1 per pair.
 * @param options - see {@link CosineEmbeddingLossOptions}.
 * @returns the loss and its gradient with respect to `input1`.
 * @example
 * ```ts
 * import { cosineEmbeddingLossValueAndGrad } from '@dl/loss';
 * cosineEmbeddingLossValueAndGrad(new Float32Array([1, 0]), new Float32Array([0, 1]), [1]).value; // 1
 * ```
 */
export function cosineEmbeddingLossValueAndGrad(
  input1: PlainFloat,
  input2: PlainFloat,
  target: PlainFloat | readonly number[] | Int32Array,
  options?: CosineEmbeddingLossOptions,
): LossValueAndGrad {
  return lossValueAndGrad(COSINE_EMBEDDING, [input1, input2, target], options, 2);
}
