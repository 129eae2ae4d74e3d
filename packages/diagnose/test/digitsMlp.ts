// A small @dl/nn MLP on the UCI digits (data/digits) as a loss of ONE flat float64 parameter vector, so that the
// framework-agnostic curvature tools can be pointed at it: loss, gradient, exact Hessian-vector products (double
// backward), and functional full-batch / mini-batch training with @dl/optim. Shared by the curvature proofs.
import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { Linear } from '@dl/nn';
import { adam, applyUpdates, sgd } from '@dl/optim';
import {
  add,
  gradients,
  linear,
  mul,
  relu,
  reshape,
  slice,
  softmaxCrossEntropy,
  sum,
  type Tensor,
  tanh,
  tensor,
  valueAndGrad,
} from '@dl/tensor';

const rows = gunzipSync(readFileSync(new URL('../../../data/digits/digits.csv.gz', import.meta.url)))
  .toString()
  .trim()
  .split('\n')
  .map((l) => l.split(',').map(Number));

export interface Batch {
  x: Tensor;
  y: Tensor;
}
export function digits(from: number, to: number): Batch {
  const part = rows.slice(from, to);
  return {
    x: tensor(
      part.map((r) => r.slice(0, 64).map((v) => v / 16)),
      { dtype: 'float64' },
    ),
    y: tensor(
      part.map((r) => r[64]!),
      { dtype: 'int32' },
    ),
  };
}

export interface FlatMlp {
  sizes: number[];
  shapes: number[][];
  dimension: number;
  /** @dl/nn's initialization (PyTorch's default for Linear), flattened to float64. */
  init: Float64Array;
  /** The loss as a differentiable function of the flat parameters on a batch (cross-entropy + ½ wd |θ|²). */
  lossOf: (batch: Batch) => (theta: Tensor) => Tensor;
}

export function flatMlp(
  sizes: number[],
  seed: number,
  activation: 'relu' | 'tanh',
  weightDecay = 0,
): FlatMlp {
  const layers = sizes.slice(1).map((out, i) => new Linear(sizes[i]!, out, { seed: seed * 100 + i }));
  const shapes: number[][] = [];
  const parts: number[] = [];
  for (const layer of layers) {
    for (const p of layer.parameters()) {
      shapes.push([...p.shape]);
      parts.push(...(p.data as Float32Array));
    }
  }
  const counts = shapes.map((s) => s.reduce((a, b) => a * b, 1));
  const act = activation === 'relu' ? relu : tanh;
  const lossOf = (batch: Batch) => (theta: Tensor) => {
    let at = 0;
    const take = (i: number) => {
      const t = reshape(slice(theta, [[at, at + counts[i]!]]), shapes[i]!);
      at += counts[i]!;
      return t;
    };
    let h = batch.x;
    for (let l = 0; l < layers.length; l++) {
      const w = take(2 * l);
      const b = take(2 * l + 1);
      h = linear(h, w, b);
      if (l + 1 < layers.length) h = act(h);
    }
    const ce = softmaxCrossEntropy(h, batch.y);
    return weightDecay > 0 ? add(ce, mul(sum(mul(theta, theta)), 0.5 * weightDecay)) : ce;
  };
  return { sizes, shapes, dimension: parts.length, init: Float64Array.from(parts), lossOf };
}

/** The loss, gradient and exact Hessian-vector product at `point` on `batch`, as plain-array functions. */
export function curvatureAt(model: FlatMlp, batch: Batch, point: Float64Array) {
  const f = model.lossOf(batch);
  const leaf = tensor(point, { dtype: 'float64' });
  leaf.requiresGrad = true;
  // PyHessian's way: the gradient's graph is built once, and each product is one more backward through it
  const [g] = gradients(f(leaf), [leaf], { createGraph: true });
  const hvp = (v: Float64Array) =>
    gradients(sum(mul(g!, tensor(v, { dtype: 'float64' }))), [leaf], { retainGraph: true })[0]!
      .data as Float64Array;
  return {
    loss: (p: Float64Array) => f(tensor(p, { dtype: 'float64' })).item(),
    gradient: (p: Float64Array) => valueAndGrad(f)(tensor(p, { dtype: 'float64' }))[1].data as Float64Array,
    hvp,
  };
}

/**
 * Trains the flat parameters with Adam or SGD: `batchSize` examples per step, shuffled every epoch by a seeded
 * generator; returns the final point.
 */
export function train(
  model: FlatMlp,
  data: Batch,
  options: {
    optimizer: 'adam' | 'sgd';
    lr: number | ((step: number) => number);
    epochs: number;
    batchSize: number;
    seed: number;
    /** Checked after each epoch: stop when it returns true. */
    until?: (theta: Float64Array) => boolean;
  },
): Float64Array {
  const params = { theta: Float64Array.from(model.init) };
  const opt = options.optimizer === 'adam' ? adam({ lr: options.lr }) : sgd({ lr: options.lr });
  let state = opt.init(params);
  const n = data.y.shape[0]!;
  let a = options.seed >>> 0;
  const rand = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const xs = data.x.data as Float64Array;
  const ys = data.y.data as Int32Array;
  const order = Array.from({ length: n }, (_, i) => i);
  for (let epoch = 0; epoch < options.epochs; epoch++) {
    for (let i = n - 1; i > 0; i--) {
      const j = Math.floor(rand() * (i + 1));
      [order[i], order[j]] = [order[j]!, order[i]!];
    }
    for (let start = 0; start < n; start += options.batchSize) {
      const idx = order.slice(start, start + options.batchSize);
      const bx = new Float64Array(idx.length * 64);
      for (const [k, r] of idx.entries()) bx.set(xs.subarray(r * 64, r * 64 + 64), k * 64);
      const batch = {
        x: tensor(bx, { dtype: 'float64', shape: [idx.length, 64] }),
        y: tensor(
          Int32Array.from(idx, (r) => ys[r]!),
          { dtype: 'int32' },
        ),
      };
      const g = valueAndGrad(model.lossOf(batch))(tensor(params.theta, { dtype: 'float64' }))[1];
      const [updates, next] = opt.update({ theta: g.data as Float64Array }, state, params);
      state = next;
      applyUpdates(params, updates);
    }
    if (options.until?.(params.theta)) break;
  }
  return params.theta;
}
