import { defineOptions } from '@dl/internal';
import { equal, fullLike, greater, relu, sub, type Tensor, where } from '@dl/tensor';
import {
  checkNumber,
  checkSigns,
  type LossValueAndGrad,
  lossValue,
  lossValueAndGrad,
  type PlainFloat,
  type Reduction,
} from './_core';
import { pointwiseSpec } from './_pointwise';

/** Options of {@link hingeEmbeddingLoss}. */
export interface HingeEmbeddingLossOptions {
  /**
   * `'mean'` over all elements, `'sum'`, or `'none'`.
   * @defaultValue 'mean'
   */
  reduction?: Reduction;
  /**
   * Distances of dissimilar pairs ($y = -1$) below this are penalized.
   * @defaultValue 1
   */
  margin?: number;
}

const FN = 'hingeEmbeddingLoss';

const HINGE = /* @__PURE__ */ pointwiseSpec(
  FN,
  /* @__PURE__ */ defineOptions<HingeEmbeddingLossOptions>()(FN, { reduction: 'mean', margin: 1 }),
  (x, y, o) => where(equal(y, 1), x, relu(sub(o.margin, x))),
  (x, y, o) => where(equal(y, 1), 1, where(greater(sub(o.margin, x), 0), fullLike(x, -1), 0)),
  (o) => checkNumber(FN, 'margin', o.margin, Number.NEGATIVE_INFINITY),
  ['none', 'mean', 'sum'],
  (t, x) => checkSigns(FN, 'target', t, x.shape, x.dtype),
);

/**
 * Hinge embedding loss, `(input, target)` in PyTorch's order: `input` holds distances (e.g. L1 distances of
 * pairs), `target` says whether each pair is similar ($1$) or dissimilar ($-1$).
 *
 * $\ell_i = x_i$ if $y_i = 1$, $\max(0, \Delta - x_i)$ if $y_i = -1$, with $\Delta$ the margin. `target` is a
 * tensor, array or typed array of 1 and -1 only (anything else is an error).
 *
 * @param input - distances $x$.
 * @param target - 1 or -1 per element (of `input`'s shape).
 * @param options - see {@link HingeEmbeddingLossOptions}.
 * @returns a scalar, or a tensor of `input`'s shape for `'none'`.
 * @example
 * ```ts
 * import { tensor } from '@dl/tensor';
 * import { hingeEmbeddingLoss } from '@dl/loss';
 * hingeEmbeddingLoss(tensor([0.5, 0.25]), [1, -1], { reduction: 'none' }).toArray(); // [0.5, 0.75]
 * ```
 * @see {@link https://pytorch.org/docs/1.13/generated/torch.nn.HingeEmbeddingLoss.html | torch.nn.HingeEmbeddingLoss}
 */
export function hingeEmbeddingLoss(
  input: Tensor,
  target: Tensor | readonly number[] | Int32Array,
  options?: HingeEmbeddingLossOptions,
): Tensor {
  return lossValue(HINGE, [input, target], options);
}

/**
 * {@link hingeEmbeddingLoss} on plain arrays: the value and the analytic gradient ($s$ where $y_i = 1$, $-s$
 * where $y_i = -1$ and $x_i < \Delta$, else 0), by the same formulas, without autograd.
 *
 * @param input - distances (`TensorData`, `Float32Array`, `Float64Array` or a tensor).
 * @param target - 1 or -1 per element.
 * @param options - see {@link HingeEmbeddingLossOptions}.
 * @returns the loss and its gradient with respect to `input`.
 * @example
 * ```ts
 * import { hingeEmbeddingLossValueAndGrad } from '@dl/loss';
 * Array.from(hingeEmbeddingLossValueAndGrad(new Float32Array([0.5, 0.25]), [1, -1]).grad.data); // [0.5, -0.5]
 * ```
 */
export function hingeEmbeddingLossValueAndGrad(
  input: PlainFloat,
  target: PlainFloat | readonly number[] | Int32Array,
  options?: HingeEmbeddingLossOptions,
): LossValueAndGrad {
  return lossValueAndGrad(HINGE, [input, target], options, 1);
}
