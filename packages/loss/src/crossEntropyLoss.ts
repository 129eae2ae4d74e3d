import { defineOptions } from '@dl/internal';
import {
  add,
  div,
  exp,
  mul,
  neg,
  reshape,
  softmaxCrossEntropy,
  sub,
  sum,
  type Tensor,
  tensor,
} from '@dl/tensor';
import {
  type ClassLayout,
  type ClassTargets,
  classLayout,
  classTargets,
  crossEntropyRowsGrad,
  fromRows,
  logProbRows,
  nllOfLogProbs,
  toLossShape,
  toRows,
} from './_classes';
import {
  type ClassIndices,
  checkNumber,
  checkReduction,
  checkSame,
  classWeights,
  constant,
  type LossSpec,
  type LossValueAndGrad,
  lossValue,
  lossValueAndGrad,
  type PlainFloat,
  type Reduction,
} from './_core';

/** Options of {@link crossEntropyLoss}. */
export interface CrossEntropyLossOptions {
  /**
   * `'mean'` (PyTorch's weighted mean $\sum_i w_{y_i}\ell_i / \sum_i w_{y_i}$ over rows that are not ignored),
   * `'sum'`, or `'none'` (one value per row, 0 at ignored rows).
   * @defaultValue 'mean'
   */
  reduction?: Reduction;
  /**
   * A non-negative weight per class (`C` numbers: a tensor, an array or a typed array).
   * @defaultValue undefined (all ones)
   */
  weight?: Tensor | readonly number[] | Float32Array | Float64Array;
  /**
   * A class-index target equal to this is ignored: it adds nothing to the loss or the gradient and is left out
   * of the mean. Not used with probability targets.
   * @defaultValue -100
   */
  ignoreIndex?: number;
  /**
   * $\varepsilon \in [0, 1]$: the target becomes $(1 - \varepsilon)\,\text{onehot} + \varepsilon / C$ (PyTorch's
   * convention: $\varepsilon/C$ on every class, the true one included).
   * @defaultValue 0
   */
  labelSmoothing?: number;
}

const readOptions = defineOptions<CrossEntropyLossOptions>()('crossEntropyLoss', {
  reduction: 'mean',
  weight: undefined,
  ignoreIndex: -100,
  labelSmoothing: 0,
});

const FN = 'crossEntropyLoss';

interface Resolved {
  reduction: string;
  smoothing: number;
  layout: ClassLayout;
  /** Class-index targets; undefined for probability targets (then args[1] holds them). */
  targets: ClassTargets | undefined;
  weight: Float64Array | undefined;
}

/**
 * @internal Class-index targets through @dl/tensor's fused `softmaxCrossEntropy` (one pass per row forward and
 * backward, a differentiable backward when double backward records it); rows of C first for (N, C, d1, …).
 */
function crossEntropyFused(x: Tensor, t: ClassTargets, o: Resolved): Tensor {
  const rows = toRows(x, o.layout);
  const out = softmaxCrossEntropy(rows, tensor(t.raw, { shape: [o.layout.rows] }), {
    weight: t.weight === undefined ? undefined : constant(t.weight, [o.layout.classes], x.dtype),
    ignoreIndex: t.ignoreIndex,
    labelSmoothing: o.smoothing,
    reduction: o.reduction as Reduction,
  });
  return toLossShape(out, o.layout, o.reduction);
}

/**
 * @internal The composed crossEntropyLoss (logSoftmax + gather + weighted/smoothed mean): the reference the
 * fused kernel is tested against, and the probability-target path.
 */
export function crossEntropyComposed(x: Tensor, target: Tensor | undefined, o: Resolved): Tensor {
  const logp = logProbRows(x, o.layout);
  if (o.targets !== undefined)
    return toLossShape(nllOfLogProbs(logp, o.targets, o.smoothing, o.reduction), o.layout, o.reduction);
  const q = smoothedProbabilities(toRows(target!, o.layout), o);
  const wq = o.weight === undefined ? q : mul(q, constant(o.weight, [1, o.layout.classes], x.dtype));
  const rowLoss = neg(sum(mul(logp, wq), { axis: 1 }));
  if (o.reduction === 'none') return toLossShape(rowLoss, o.layout, 'none');
  const total = sum(rowLoss);
  return o.reduction === 'sum' ? total : div(total, o.layout.rows);
}

function smoothedProbabilities(q: Tensor, o: Resolved): Tensor {
  return o.smoothing === 0 ? q : add(mul(q, 1 - o.smoothing), o.smoothing / o.layout.classes);
}

const CROSS_ENTROPY: LossSpec<Resolved> = {
  fn: FN,
  prepare(args, options) {
    const { x, layout } = classLayout(FN, args[0]);
    const r = readOptions(options);
    const reduction = checkReduction(FN, r.reduction, ['none', 'mean', 'sum']);
    const smoothing = checkNumber(FN, 'labelSmoothing', r.labelSmoothing, 0, 1);
    const ignore = r.ignoreIndex;
    if (typeof ignore !== 'number' || !Number.isInteger(ignore)) {
      throw new TypeError(`${FN}: ignoreIndex must be an integer, got ${String(ignore)}`);
    }
    const target = args[1];
    const isProbabilities = isFloatTensor(target);
    if (isProbabilities) {
      const q = checkSame(FN, 'target', target, x);
      const weight = classWeights(FN, 'weight', r.weight, layout.classes);
      return { args: [x, q], o: { reduction, smoothing, layout, targets: undefined, weight } };
    }
    const targets = classTargets(FN, target, layout, r.weight, ignore);
    return { args: [x], o: { reduction, smoothing, layout, targets, weight: targets.weight } };
  },
  value: ([x, q], o) =>
    o.targets === undefined ? crossEntropyComposed(x!, q, o) : crossEntropyFused(x!, o.targets, o),
  inputGrad([x, q], o, g) {
    const logp = logProbRows(x!, o.layout);
    if (o.targets !== undefined)
      return fromRows(crossEntropyRowsGrad(logp, o.targets, o.smoothing, o.reduction, g), o.layout);
    const rows = o.layout.rows;
    const s = o.reduction === 'none' ? g : o.reduction === 'sum' ? g : div(g, rows);
    const scale = o.reduction === 'none' ? reshapeRows(s, rows) : s;
    const qs = smoothedProbabilities(toRows(q!, o.layout), o);
    const wq = o.weight === undefined ? qs : mul(qs, constant(o.weight, [1, o.layout.classes], x!.dtype));
    const grad = sub(mul(exp(logp), sum(wq, { axis: 1, keepDims: true })), wq);
    return fromRows(mul(grad, scale), o.layout);
  },
};

/**
 * @internal The composed form of {@link crossEntropyLoss} (same checks, no fused kernel), for tests.
 * @param input - logits.
 * @param target - class indices or probabilities.
 * @param options - as {@link crossEntropyLoss}.
 * @returns the loss.
 */
export function crossEntropyLossComposed(
  input: Tensor,
  target: ClassIndices | Tensor,
  options?: CrossEntropyLossOptions,
): Tensor {
  const p = CROSS_ENTROPY.prepare([input, target], options);
  return crossEntropyComposed(p.args[0]!, p.args[1], p.o);
}

function reshapeRows(g: Tensor, rows: number): Tensor {
  return reshape(g, [rows, 1]);
}

function isFloatTensor(t: unknown): t is Tensor {
  return (
    typeof t === 'object' && t !== null && 'dtype' in t && (t as Tensor).dtype !== 'int32' && 'shape' in t
  );
}

/**
 * Cross-entropy of logits against class indices or class probabilities, `(input, target)` in PyTorch's order:
 * `logSoftmax` and the negative log-likelihood in one loss, finite for any logits (±1e4, float32's maximum).
 *
 * `input` is `(N, C)`, `(N, C, d1, d2, …)` (a class score per position, as for segmentation) or `(C)`.
 * With class indices $y$ (an int32 tensor, an array or a typed array of shape `(N, d1, …)`):
 * $$\ell_i = (1 - \varepsilon)\,w_{y_i}\,(-\log p_{i y_i}) + \frac{\varepsilon}{C}\sum_c w_c\,(-\log p_{ic}),
 * \qquad p_i = \operatorname{softmax}(x_i),$$
 * and `'mean'` is PyTorch's weighted mean $\sum_i w_{y_i} (\ldots) / \sum_i w_{y_i}$ over the rows not equal to
 * `ignoreIndex` (the smoothing term included). With
 * probabilities (a float tensor of `input`'s shape), $\ell_i = -\sum_c w_c\,q_{ic} \log p_{ic}$ with $q$ smoothed
 * to $(1 - \varepsilon) q + \varepsilon / C$, and `'mean'` divides by the number of rows.
 *
 * Class-index targets run @dl/tensor's fused `softmaxCrossEntropy` kernel (one pass per row forward and
 * backward; tested equal to the composed `logSoftmax` + gather + mean, which probability targets use).
 * Differentiable to any order with respect to `input` (Hessians work), and to probability targets.
 *
 * @param input - logits $x$, float32 or float64.
 * @param target - class indices (int32 tensor, array, typed array), or class probabilities (float tensor).
 * @param options - see {@link CrossEntropyLossOptions}.
 * @returns a scalar, or the per-row losses of shape `(N, d1, …)` for `'none'`.
 * @example
 * ```ts
 * import { tensor } from '@dl/tensor';
 * import { crossEntropyLoss } from '@dl/loss';
 * const logits = tensor([[2, 0, 0], [0, 0, 1e4]], { dtype: 'float64' });
 * crossEntropyLoss(logits, [0, 2]).item(); // 0.1197723831109423
 * crossEntropyLoss(logits, [1, -100], { reduction: 'none' }).toArray(); // [2.2395447662218846, 0]
 * // label smoothing punishes the overconfident 1e4 margin of the second row:
 * crossEntropyLoss(logits, [0, 2], { labelSmoothing: 0.1 }).item(); // 333.51977238311093
 * ```
 * @see {@link https://pytorch.org/docs/1.13/generated/torch.nn.CrossEntropyLoss.html | torch.nn.CrossEntropyLoss}
 */
export function crossEntropyLoss(
  input: Tensor,
  target: ClassIndices | Tensor,
  options?: CrossEntropyLossOptions,
): Tensor {
  return lossValue(CROSS_ENTROPY, [input, target], options);
}

/**
 * {@link crossEntropyLoss} on plain arrays: the value and the analytic gradient with respect to the logits,
 * $s_i\,[\,p_{ij}(A_i + B_i \sum_c w_c) - A_i [j = y_i] - B_i w_j\,]$ ($A_i = (1-\varepsilon) w_{y_i}$,
 * $B_i = \varepsilon / C$, $s_i$ the reduction's scale), by the same formulas, without autograd. An integer
 * target (`Int32Array`, array) holds class indices; a float one (`Float32Array`, float `TensorData`) of the
 * input's size holds probabilities.
 *
 * @param input - logits (`TensorData`, `Float32Array` / `Float64Array` of shape `(C)`, or a tensor).
 * @param target - class indices or probabilities.
 * @param options - see {@link CrossEntropyLossOptions}.
 * @returns the loss and its gradient with respect to `input`.
 * @example
 * ```ts
 * import { crossEntropyLossValueAndGrad } from '@dl/loss';
 * const logits = { shape: [1, 2], data: new Float32Array([0, 0]) };
 * const { value, grad } = crossEntropyLossValueAndGrad(logits, new Int32Array([1]));
 * value; // 0.6931471824645996
 * Array.from(grad.data); // [0.5, -0.5]
 * ```
 */
export function crossEntropyLossValueAndGrad(
  input: PlainFloat,
  target: ClassIndices | PlainFloat,
  options?: CrossEntropyLossOptions,
): LossValueAndGrad {
  return lossValueAndGrad(CROSS_ENTROPY, [input, target], options, 1);
}
