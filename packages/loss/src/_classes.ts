// Shared maths of the class losses (crossEntropyLoss, nllLoss, softmaxFocalLoss, multiMarginLoss): the class
// layout (N, C, d1, ...) -> rows of C, class targets, row weights, and the composed weighted / smoothed NLL.
import {
  add,
  div,
  exp,
  gather,
  logSoftmax,
  mul,
  neg,
  permute,
  reshape,
  sub,
  sum,
  type Tensor,
  tensor,
} from '@dl/tensor';
import { checkFloat, classIndices, classWeights, constant, shapeText } from './_core';

/** @internal Input `(N, C, d1, ...)` (or `(C)`) seen as rows of C classes. */
export interface ClassLayout {
  /** Rows: N · d1 · … (1 for an unbatched input). */
  readonly rows: number;
  readonly classes: number;
  /** The shape of the per-row loss: `[N, d1, ...]`, or `[]` for an unbatched input. */
  readonly lossShape: readonly number[];
  readonly inputShape: readonly number[];
}

/** @internal The layout of a class input; the class axis is 1 (0 for a 1-D input). */
export function classLayout(fn: string, input: unknown): { x: Tensor; layout: ClassLayout } {
  const x = checkFloat(fn, 'input', input);
  if (x.rank === 0) {
    throw new RangeError(
      `${fn}: input must have a class dimension, (N, C, ...) or (C), got shape ${shapeText(x.shape)}`,
    );
  }
  const classes = x.rank === 1 ? x.shape[0]! : x.shape[1]!;
  const lossShape = x.rank === 1 ? [] : [x.shape[0]!, ...x.shape.slice(2)];
  const rows = lossShape.reduce((a, b) => a * b, 1);
  return { x, layout: { rows, classes, lossShape, inputShape: x.shape } };
}

/** @internal Rows of classes `[rows, C]` from `(N, C, d1, ...)` (a permutation only when there are extra dims). */
export function toRows(x: Tensor, layout: ClassLayout): Tensor {
  const r = x.rank;
  if (r <= 2) return reshape(x, [layout.rows, layout.classes]);
  const order = [0, ...Array.from({ length: r - 2 }, (_, k) => k + 2), 1];
  return reshape(permute(x, order), [layout.rows, layout.classes]);
}

/** @internal The inverse of {@link toRows}: `[rows, C]` back to the input's shape. */
export function fromRows(g: Tensor, layout: ClassLayout): Tensor {
  const s = layout.inputShape;
  if (s.length <= 2) return reshape(g, [...s]);
  const last = [s[0]!, ...s.slice(2), s[1]!];
  const r = s.length;
  const order = [0, r - 1, ...Array.from({ length: r - 2 }, (_, k) => k + 1)];
  return permute(reshape(g, last), order);
}

/** @internal Checked class targets, the rows' weights w[y] (0 where ignored) and the validity mask. */
export interface ClassTargets {
  /** The checked targets as given, `ignoreIndex` included. */
  readonly raw: Int32Array;
  /** The ignored value. */
  readonly ignoreIndex: number | undefined;
  /** Class per row, 0 where ignored (safe to gather). */
  readonly safe: Int32Array;
  /** w[y_i], or 1 without weights; 0 at ignored rows. */
  readonly rowWeight: Float64Array;
  /** 1 at rows that count, 0 at ignored rows. */
  readonly valid: Float64Array;
  /** Σ rowWeight: the weighted mean's denominator. */
  readonly weightSum: number;
  readonly weight: Float64Array | undefined;
}

/** @internal Class targets of a class layout: indices in [0, C) or equal to `ignoreIndex`. */
export function classTargets(
  fn: string,
  target: unknown,
  layout: ClassLayout,
  weightOption: unknown,
  ignoreIndex: number | undefined,
): ClassTargets {
  const y = classIndices(fn, target, layout.lossShape, layout.classes, ignoreIndex);
  const weight = classWeights(fn, 'weight', weightOption, layout.classes);
  return new Targets(y, ignoreIndex, weight);
}

/**
 * The per-row arrays of {@link ClassTargets}, computed on first use: the fused cross-entropy reads only `raw`,
 * `ignoreIndex` and `weight`, so a training step makes none of the three arrays (two of them float64, each
 * outside V8's heap past 64 bytes).
 */
class Targets implements ClassTargets {
  readonly raw: Int32Array;
  readonly ignoreIndex: number | undefined;
  readonly weight: Float64Array | undefined;
  #rows: { safe: Int32Array; rowWeight: Float64Array; valid: Float64Array; weightSum: number } | null = null;

  constructor(raw: Int32Array, ignoreIndex: number | undefined, weight: Float64Array | undefined) {
    this.raw = raw;
    this.ignoreIndex = ignoreIndex;
    this.weight = weight;
  }

  get safe(): Int32Array {
    return this.#perRow().safe;
  }

  get rowWeight(): Float64Array {
    return this.#perRow().rowWeight;
  }

  get valid(): Float64Array {
    return this.#perRow().valid;
  }

  get weightSum(): number {
    return this.#perRow().weightSum;
  }

  #perRow() {
    if (this.#rows !== null) return this.#rows;
    const { raw: y, ignoreIndex, weight } = this;
    const safe = new Int32Array(y.length);
    const rowWeight = new Float64Array(y.length);
    const valid = new Float64Array(y.length);
    let weightSum = 0;
    for (let i = 0; i < y.length; i++) {
      const c = y[i]!;
      if (c === ignoreIndex) continue;
      safe[i] = c;
      valid[i] = 1;
      rowWeight[i] = weight === undefined ? 1 : weight[c]!;
      weightSum += rowWeight[i]!;
    }
    this.#rows = { safe, rowWeight, valid, weightSum };
    return this.#rows;
  }
}

/** @internal `logp[i, y_i]` as a `[rows]` tensor. */
export function pick(logp: Tensor, t: ClassTargets): Tensor {
  const rows = t.safe.length;
  return reshape(gather(logp, tensor(t.safe, { shape: [rows, 1] }), 1), [rows]);
}

/**
 * @internal The composed cross-entropy of log-probabilities `logp` `[rows, C]` with class targets: PyTorch 1.13's
 * `nll_loss` (weighted mean Σ w_y ℓ / Σ w_y) and its label smoothing,
 * `(1 − ε)·nll + (ε/C)·smooth`, where smooth_i = −Σ_c w_c logp_ic (0 at ignored rows); the mean of both terms
 * divides by Σ w_y over the rows that are not ignored (their number, without weights).
 */
export function nllOfLogProbs(logp: Tensor, t: ClassTargets, smoothing: number, reduction: string): Tensor {
  const rows = t.safe.length;
  const classes = logp.shape[1]!;
  const dtype = logp.dtype;
  const nll = neg(mul(pick(logp, t), constant(t.rowWeight, [rows], dtype)));
  if (smoothing === 0) {
    if (reduction === 'none') return nll;
    const total = sum(nll);
    return reduction === 'sum' ? total : div(total, t.weightSum);
  }
  const weighted = t.weight === undefined ? logp : mul(logp, constant(t.weight, [1, classes], dtype));
  const smooth = mul(neg(sum(weighted, { axis: 1 })), constant(t.valid, [rows], dtype));
  const a = 1 - smoothing;
  const b = smoothing / classes;
  if (reduction === 'none') return add(mul(nll, a), mul(smooth, b));
  if (reduction === 'sum') return add(mul(sum(nll), a), mul(sum(smooth), b));
  return div(add(mul(sum(nll), a), mul(sum(smooth), b)), t.weightSum);
}

/**
 * @internal The per-row gradient scales of {@link nllOfLogProbs} for an output gradient `g`: A_i (of the NLL
 * term, including w_y and 1 − ε) and B_i (of the smoothing term, including ε/C), each `[rows, 1]`.
 */
export function nllRowScales(
  g: Tensor,
  t: ClassTargets,
  classes: number,
  smoothing: number,
  reduction: string,
): { a: Tensor; b: Tensor | undefined } {
  const rows = t.safe.length;
  const dtype = g.dtype;
  const perRow = (divisor: number): Tensor =>
    reduction === 'none'
      ? reshape(g, [rows, 1])
      : reduction === 'sum'
        ? reshape(g, [1, 1])
        : div(reshape(g, [1, 1]), divisor);
  const a = mul(
    perRow(t.weightSum),
    constant(
      t.rowWeight.map((w) => w * (1 - smoothing)),
      [rows, 1],
      dtype,
    ),
  );
  if (smoothing === 0) return { a, b: undefined };
  const b = mul(
    perRow(t.weightSum),
    constant(
      t.valid.map((v) => (v * smoothing) / classes),
      [rows, 1],
      dtype,
    ),
  );
  return { a, b };
}

/** @internal A one-hot `[rows, C]` matrix of the targets, in `dtype`. */
export function oneHotRows(t: ClassTargets, classes: number, dtype: Tensor['dtype']): Tensor {
  const rows = t.safe.length;
  const data = dtype === 'float64' ? new Float64Array(rows * classes) : new Float32Array(rows * classes);
  for (let i = 0; i < rows; i++) data[i * classes + t.safe[i]!] = 1;
  return tensor(data, { shape: [rows, classes] });
}

/**
 * @internal Analytic gradient of the composed smoothed cross-entropy with respect to the logits, `[rows, C]`:
 * $p_{ij}(A_i + B_i W) - A_i [j = y_i] - B_i w_j$ with $W = \sum_c w_c$.
 */
export function crossEntropyRowsGrad(
  logp: Tensor,
  t: ClassTargets,
  smoothing: number,
  reduction: string,
  g: Tensor,
): Tensor {
  const classes = logp.shape[1]!;
  const { a, b } = nllRowScales(g, t, classes, smoothing, reduction);
  const p = exp(logp);
  const hot = mul(oneHotRows(t, classes, logp.dtype), a);
  if (b === undefined) return sub(mul(p, a), hot);
  const w = t.weight;
  const total = w === undefined ? classes : w.reduce((s, v) => s + v, 0);
  const wRow = w === undefined ? b : mul(b, constant(w, [1, classes], logp.dtype));
  return sub(sub(mul(p, add(a, mul(b, total))), hot), wRow);
}

/** @internal Rows' log-probabilities. */
export function logProbRows(x: Tensor, layout: ClassLayout): Tensor {
  return logSoftmax(toRows(x, layout), { axis: -1 });
}

/** @internal Per-row loss `[rows]` back to the loss shape (for `'none'`). */
export function toLossShape(l: Tensor, layout: ClassLayout, reduction: string): Tensor {
  return reduction === 'none' ? reshape(l, [...layout.lossShape]) : l;
}
