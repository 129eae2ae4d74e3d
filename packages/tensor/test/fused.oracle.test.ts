import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import {
  add,
  batchNorm,
  gather,
  gradients,
  layerNorm,
  linear,
  logSoftmax,
  matmul,
  mul,
  neg,
  softmax,
  softmaxCrossEntropy,
  sum,
  Tensor,
  transpose,
} from '../src/index';
import { checkGrad, leaf64 } from './gradcheck';

interface Enc {
  shape: number[];
  data: number[];
}
interface Case {
  op: string;
  params: {
    reduction?: 'mean' | 'sum' | 'none';
    labelSmoothing?: number;
    weighted?: boolean;
    ignoreIndex?: number;
    training?: boolean;
    normalizedShape?: number[];
  };
  inputs: Record<string, Enc>;
  out: Enc;
  w: number[];
  grads: Record<string, number[]>;
  after?: Record<string, number[]>;
}
const fixture: { cases: Case[] } = JSON.parse(
  readFileSync(new URL('../fixtures/fused.json', import.meta.url), 'utf8'),
);

function run(c: Case, t: Record<string, Tensor>): Tensor {
  const p = c.params;
  switch (c.op) {
    case 'linear':
      return linear(t.x!, t.weight!, t.bias);
    case 'softmaxCrossEntropy':
      return softmaxCrossEntropy(t.logits!, t.target!, {
        weight: t.weight,
        reduction: p.reduction,
        labelSmoothing: p.labelSmoothing,
        ignoreIndex: p.ignoreIndex,
      });
    case 'batchNorm':
      return batchNorm(t.x!, {
        training: p.training,
        runningMean: t.runningMean,
        runningVar: t.runningVar,
        weight: t.weight,
        bias: t.bias,
      });
    case 'layerNorm':
      return layerNorm(t.x!, p.normalizedShape!, { weight: t.weight, bias: t.bias });
    default:
      throw new Error(`unknown op ${c.op}`);
  }
}

/**
 * |actual - expected| <= 1e-6 |expected| + 1e-6 max |expected| (+ the matrix-product bound for linear): sums
 * accumulate in float64 here (float32 for linear's products) and in float32 in another order in PyTorch.
 */
function expectClose(actual: ArrayLike<number>, expected: number[], what: string, floor = 1e-6): void {
  expect(actual.length, what).toBe(expected.length);
  const scale = Math.max(1e-30, ...expected.map(Math.abs));
  for (let i = 0; i < expected.length; i++) {
    const tol = 1e-6 * Math.abs(expected[i]!) + floor * scale;
    expect(
      Math.abs(actual[i]! - expected[i]!),
      `${what}[${i}]: ${actual[i]} vs ${expected[i]}`,
    ).toBeLessThanOrEqual(tol);
  }
}

describe('fused ops equal PyTorch 1.13 (float32 forward, gradients of sum(out * w), running statistics)', () => {
  test.each(fixture.cases.map((c, i) => [`${c.op} #${i} ${JSON.stringify(c.params)}`, c] as const))(
    '%s',
    (_name, c) => {
      const t: Record<string, Tensor> = {};
      for (const [k, v] of Object.entries(c.inputs)) {
        t[k] =
          k === 'target'
            ? new Tensor(Int32Array.from(v.data), v.shape, 'int32')
            : new Tensor(Float32Array.from(v.data), v.shape, 'float32');
      }
      const diff = Object.keys(c.grads);
      for (const k of diff) t[k]!.requiresGrad = true;
      const out = run(c, t);
      expect(out.shape).toEqual(c.out.shape);
      // linear: float32 products in another order than PyTorch's (see matmul's accuracy note)
      let floor = c.op === 'linear' ? 2e-6 * Math.sqrt(c.inputs.x!.shape.at(-1)!) : 1e-6;
      const scale = Math.max(...c.out.data.map(Math.abs), 1e-30);
      // cross-entropy: PyTorch rounds the log-sum-exp (of the logits' scale) to float32 before the subtraction,
      // this op keeps it in float64: allow 2^-23 max |logits| in absolute terms
      if (c.op === 'softmaxCrossEntropy')
        floor += (2 ** -23 * Math.max(...c.inputs.logits!.data.map(Math.abs))) / scale;
      expectClose(out.data, c.out.data, 'out', floor);
      const w = new Tensor(Float32Array.from(c.w), out.shape, 'float32');
      const grads = gradients(
        sum(mul(out, w)),
        diff.map((k) => t[k]!),
      );
      diff.forEach((k, i) => {
        let gfloor = c.op === 'linear' ? 2e-5 : 1e-6;
        if (c.op === 'softmaxCrossEntropy') {
          // p - onehot cancels when p is close to 1: PyTorch's float32 p carries 2^-24 absolute error, times the
          // cotangent
          const gs = Math.max(...c.grads[k]!.map(Math.abs), 1e-30);
          gfloor += (2 ** -23 * Math.max(...c.w.map(Math.abs))) / gs;
        }
        expectClose(grads[i]!.data, c.grads[k]!, `grad ${k}`, gfloor);
      });
      for (const [k, v] of Object.entries(c.after ?? {})) expectClose(t[k]!.data, v, `after ${k}`);
    },
  );
});

const vals = (n: number, seed: number) =>
  Array.from({ length: n }, (_, i) => Math.sin(seed * 7.1 + i * 1.9) * 2);

describe('fused ops: gradients match float64 central differences (and double backward)', () => {
  test('softmaxCrossEntropy with weights, label smoothing and an ignored row, every reduction', () => {
    const target = new Tensor(Int32Array.from([2, 0, -100, 1]), [4], 'int32');
    const weight = new Tensor(Float64Array.from([0.5, 1.5, 2]), [3], 'float64');
    for (const reduction of ['mean', 'sum', 'none'] as const) {
      checkGrad(
        (x) => softmaxCrossEntropy(x!, target, { weight, labelSmoothing: 0.3, reduction }),
        [leaf64(vals(12, 3), [4, 3])],
      );
    }
  });
  test('softmaxCrossEntropy equals the composed ops (logSoftmax, gather, weights) and its double backward too', () => {
    const target = new Tensor(Int32Array.from([2, 0, 1]), [3], 'int32');
    const idx = new Tensor(Int32Array.from([2, 0, 1]), [3, 1], 'int32');
    const composed = (x: Tensor) => neg(sum(gather(logSoftmax(x), idx, -1)));
    const fused = (x: Tensor) => softmaxCrossEntropy(x, target, { reduction: 'sum' });
    const second = (f: (x: Tensor) => Tensor) => {
      const x = leaf64(vals(12, 5), [3, 4]);
      const y = f(x);
      const [g] = gradients(y, [x], { createGraph: true });
      const [gg] = gradients(sum(mul(g!, g!)), [x]);
      return { y: y.item(), g: Array.from(g!.data), gg: Array.from(gg!.data) };
    };
    const a = second(fused);
    const b = second(composed);
    expect(a.y).toBeCloseTo(b.y, 12);
    for (const [i, v] of a.g.entries()) expect(v).toBeCloseTo(b.g[i]!, 12);
    for (const [i, v] of a.gg.entries()) expect(v).toBeCloseTo(b.gg[i]!, 12);
  });
  test('batchNorm (training and evaluation) and layerNorm: x, weight, bias', () => {
    const w = leaf64([0.7, -1.1, 1.3], [3]);
    const b = leaf64([0.1, 0.2, -0.3], [3]);
    checkGrad(
      (x, w, b) => batchNorm(x!, { training: true, weight: w, bias: b }),
      [leaf64(vals(24, 1), [4, 3, 2]), w, b],
      {
        atol: 1e-5,
      },
    );
    const rm = new Tensor(Float64Array.from([0.1, -0.2, 0.3]), [3], 'float64');
    const rv = new Tensor(Float64Array.from([1.5, 0.7, 2]), [3], 'float64');
    checkGrad(
      (x, w, b) => batchNorm(x!, { runningMean: rm, runningVar: rv, weight: w, bias: b }),
      [leaf64(vals(6, 2), [2, 3]), w, b],
    );
    const lw = leaf64([0.7, -1.1, 1.3, 0.4], [2, 2]);
    const lb = leaf64([0.1, 0.2, -0.3, 0.5], [2, 2]);
    checkGrad(
      (x, w, b) => layerNorm(x!, [2, 2], { weight: w, bias: b }),
      [leaf64(vals(12, 4), [3, 2, 2]), lw, lb],
      {
        atol: 1e-5,
      },
    );
  });
  test('double backward of batchNorm and layerNorm matches finite differences of their gradients', () => {
    // h(x) = sum((d/dx sum(f(x) * v))^2): its gradient goes through the recorded (differentiable) backward
    const v = new Tensor(Float64Array.from(vals(12, 9)), [4, 3], 'float64');
    for (const f of [(x: Tensor) => batchNorm(x, { training: true }), (x: Tensor) => layerNorm(x, [3])]) {
      const h = (x: Tensor) => {
        const [g] = gradients(sum(mul(f(x), v)), [x], { createGraph: true });
        return sum(mul(g!, g!));
      };
      const x = leaf64(vals(12, 6), [4, 3]);
      const [analytic] = gradients(h(x), [x]);
      const eps = 1e-6;
      for (let i = 0; i < x.size; i++) {
        const old = x.data[i]!;
        x.data[i] = old + eps;
        const up = h(x).item();
        x.data[i] = old - eps;
        const down = h(x).item();
        x.data[i] = old;
        expect(analytic!.data[i]!).toBeCloseTo((up - down) / (2 * eps), 4);
      }
    }
  });
  test('softmax: the fused backward equals the composed one (float64), and double backward still runs', () => {
    const x = leaf64(vals(15, 8), [3, 5]);
    const w = new Tensor(Float64Array.from(vals(15, 2)), [3, 5], 'float64');
    const [fusedG] = gradients(sum(mul(softmax(x), w)), [x]);
    // the recorded backward (createGraph) is built from differentiable ops: the composed formula
    const [composedG] = gradients(sum(mul(softmax(x), w)), [x], { createGraph: true });
    for (let i = 0; i < x.size; i++) expect(fusedG!.data[i]!).toBeCloseTo(composedG!.data[i]!, 14);
    checkGrad((t) => softmax(t!), [leaf64(vals(12, 4), [4, 3])]);
    const [gg] = gradients(sum(mul(composedG!, composedG!)), [x]);
    expect(gg!.shape).toEqual([3, 5]);
  });
  test('linear equals matmul + add for float64 too', () => {
    const x = leaf64(vals(6, 1), [2, 3]);
    const w = leaf64(vals(12, 2), [4, 3]);
    const b = leaf64(vals(4, 3), [4]);
    expect(Array.from(linear(x, w, b).data)).toEqual(Array.from(add(matmul(x, transpose(w)), b).data));
  });
});

describe('fused ops: errors name the function, the argument and what was expected', () => {
  const logits = new Tensor(new Float32Array(6), [2, 3], 'float32');
  const target = new Tensor(Int32Array.from([0, 2]), [2], 'int32');
  test('softmaxCrossEntropy', () => {
    expect(() => softmaxCrossEntropy(logits, new Tensor(Int32Array.from([0, 3]), [2], 'int32'))).toThrow(
      new RangeError(
        'softmaxCrossEntropy: target[1] must be a class index in [0, 2] or ignoreIndex (-100), got 3',
      ),
    );
    expect(() => softmaxCrossEntropy(logits, new Tensor(Int32Array.from([0]), [1], 'int32'))).toThrow(
      new RangeError('softmaxCrossEntropy: target must be [2] for logits [2, 3], got [1]'),
    );
    expect(() => softmaxCrossEntropy(logits, new Tensor(new Float32Array(2), [2], 'float32'))).toThrow(
      new TypeError('softmaxCrossEntropy: target must be an int32 tensor, got float32'),
    );
    expect(() => softmaxCrossEntropy(logits, target, { labelSmoothing: 1.5 })).toThrow(
      new RangeError('softmaxCrossEntropy: labelSmoothing must be in [0, 1], got 1.5'),
    );
    expect(() => softmaxCrossEntropy(logits, target, { reduction: 'avg' as 'mean' })).toThrow(
      new RangeError(`softmaxCrossEntropy: reduction must be 'mean', 'sum' or 'none', got "avg"`),
    );
    expect(() => softmaxCrossEntropy(logits, target, { ignore_index: 1 } as object)).toThrow(
      /softmaxCrossEntropy: unknown option 'ignore_index'; did you mean 'ignoreIndex'\?/,
    );
    expect(() =>
      softmaxCrossEntropy(logits, target, { weight: new Tensor(new Float32Array(2), [2], 'float32') }),
    ).toThrow(
      new RangeError('softmaxCrossEntropy: weight must be a float32 tensor of shape [3], got float32 [2]'),
    );
  });
  test('batchNorm and layerNorm', () => {
    expect(() => batchNorm(logits)).toThrow(
      new RangeError('batchNorm: evaluation (training: false) needs runningMean and runningVar'),
    );
    expect(() => batchNorm(new Tensor(new Float32Array(3), [1, 3], 'float32'), { training: true })).toThrow(
      new RangeError('batchNorm: training needs more than one value per channel, got input of shape [1, 3]'),
    );
    expect(() =>
      batchNorm(logits, { training: true, weight: new Tensor(new Float32Array(2), [2], 'float32') }),
    ).toThrow(new RangeError('batchNorm: weight must be a float32 tensor of shape [3], got float32 [2]'));
    expect(() => batchNorm(logits, { momentum: 2, training: true })).toThrow(
      new RangeError('batchNorm: momentum must be in [0, 1], got 2'),
    );
    expect(() => batchNorm(logits, { train: true } as object)).toThrow(/batchNorm: unknown option 'train'/);
    expect(() => layerNorm(logits, [2])).toThrow(
      new RangeError('layerNorm: normalizedShape must be the trailing shape of x [2, 3], got [2]'),
    );
    expect(() => layerNorm(logits, [3], { weight: new Tensor(new Float32Array(2), [2], 'float32') })).toThrow(
      new RangeError('layerNorm: weight must be a float32 tensor of shape [3], got float32 [2]'),
    );
  });
});
