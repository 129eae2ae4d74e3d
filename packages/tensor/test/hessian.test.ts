import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import {
  add,
  hessian,
  hvp,
  logSoftmax,
  logSumExp,
  matmul,
  mean,
  mul,
  noGrad,
  oneHot,
  sigmoid,
  slice,
  square,
  sub,
  sum,
  type Tensor,
  tanh,
  tensor,
} from '../src/index';

interface Case {
  name: string;
  x: number[];
  shape: number[];
  value: number;
  hessian: number[];
  [key: string]: unknown;
}
const fixture: { cases: Case[] } = JSON.parse(
  readFileSync(new URL('../fixtures/hessian.json', import.meta.url), 'utf8'),
);

const f64 = (values: unknown, shape: number[]) => tensor(Float64Array.from(values as number[]), { shape });

/** The same functions as scripts/oracle_hessian.py, written with @dl/tensor ops. */
function build(c: Case): (x: Tensor) => Tensor {
  switch (c.name) {
    case 'logsumexp_quadratic': {
      const W = f64(c.W, [3, 4]);
      const cw = f64(c.c, [4]);
      return (x) => add(logSumExp(matmul(W, x), { axis: 0 }), mul(sum(mul(mul(cw, x), x)), 0.5));
    }
    case 'rosenbrock':
      return (x) => {
        const head = slice(x, [[0, -1]]);
        const tail = slice(x, [[1]]);
        return sum(add(mul(square(sub(tail, square(head))), 100), square(sub(1, head))));
      };
    case 'softmax_regression': {
      const X = f64(c.X, [6, 3]);
      const y = oneHot(tensor(c.y as number[], { dtype: 'int32' }), 4);
      const Y = tensor(Float64Array.from(y.data), { shape: y.shape });
      return (w) => mul(mean(sum(mul(Y, logSoftmax(matmul(X, w), { axis: 1 })), { axis: 1 })), -1);
    }
    case 'tanh_mlp': {
      const X = f64(c.X, [5, 2]);
      const t = f64(c.t, [5]);
      const v = f64(c.v, [3]);
      return (w) => mean(square(sub(matmul(tanh(matmul(X, w)), v), t)));
    }
    case 'sigmoid_sum': {
      const xs = f64(c.xs, [7, 1]);
      const ys = f64(c.ys, [7]);
      const cw = f64(c.c, [3]);
      return (p) => {
        const w = slice(p, [[0, 1]]);
        const b = slice(p, [[1, 2]]);
        return mean(square(sub(matmul(sigmoid(add(mul(xs, w), b)), cw), ys)));
      };
    }
    default:
      throw new Error(`unknown case ${c.name}`);
  }
}

describe('Hessians by double backward (hvp on each basis vector) equal torch.autograd.functional.hessian', () => {
  test.each(fixture.cases.map((c) => [c.name, c] as const))('%s', (_name, c) => {
    const f = build(c);
    const x = f64(c.x, c.shape);
    expect(f(x).item()).toBeCloseTo(c.value, 12);
    const n = c.x.length;
    for (let j = 0; j < n; j++) {
      const e = new Float64Array(n);
      e[j] = 1;
      const column = hvp(f, x, tensor(e, { shape: c.shape }));
      for (let i = 0; i < n; i++) {
        const expected = c.hessian[i * n + j]!;
        expect(Math.abs(column.data[i]! - expected), `H[${i}][${j}]`).toBeLessThanOrEqual(
          1e-10 * (1 + Math.abs(expected)),
        );
      }
    }
  });
});

describe('Hessians known in closed form', () => {
  test('f(x) = ½ xᵀAx + bᵀx has H = (A + Aᵀ)/2 for a non-symmetric A, so hvp(v) = (A + Aᵀ)v/2', () => {
    const n = 5;
    const A = Array.from({ length: n * n }, (_, k) => Math.sin(k * 1.3) * 2);
    const b = Array.from({ length: n }, (_, k) => Math.cos(k));
    const At = f64(A, [n, n]);
    const bt = f64(b, [n]);
    const f = (x: Tensor) => add(mul(sum(mul(x, matmul(At, x))), 0.5), sum(mul(bt, x)));
    const x = f64([0.3, -1, 2, 0.5, -0.7], [n]);
    const v = [1, -2, 0.5, 3, -1];
    const hv = hvp(f, x, f64(v, [n]));
    for (let i = 0; i < n; i++) {
      let expected = 0;
      for (let j = 0; j < n; j++) expected += ((A[i * n + j]! + A[j * n + i]!) / 2) * v[j]!;
      expect(hv.data[i]).toBeCloseTo(expected, 12);
    }
  });

  test('a saddle: f(x, y) = x² − y² has curvature +2 along x and −2 along y at any point', () => {
    const f = (p: Tensor) => sum(mul(square(p), f64([1, -1], [2])));
    const at = f64([0.4, -1.5], [2]);
    // Compare with + 0 so that -0 and 0 count as equal.
    expect(Array.from(hvp(f, at, f64([1, 0], [2])).data, (v) => v + 0)).toEqual([2, 0]);
    expect(Array.from(hvp(f, at, f64([0, 1], [2])).data, (v) => v + 0)).toEqual([0, -2]);
  });

  test('hvp of a function linear in x is zero', () => {
    const f = (x: Tensor) => sum(mul(x, 3));
    expect(Array.from(hvp(f, f64([1, 2], [2]), f64([1, 1], [2])).data)).toEqual([0, 0]);
  });
});

test('hvp rejects a vector of the wrong shape', () => {
  const f = (x: Tensor) => sum(square(x));
  expect(() => hvp(f, f64([1, 2], [2]), f64([1, 2, 3], [3]))).toThrow(
    "hvp: v must be a Tensor with x's shape [2], got [3]",
  );
  expect(() => hvp(() => tensor([1, 2]), f64([1, 2], [2]), f64([1, 2], [2]))).toThrow(
    'hvp: f must return a one-element Tensor, got a tensor of shape [2]',
  );
});

describe('hessian(f, x) equals torch.autograd.functional.hessian', () => {
  test.each(fixture.cases.map((c) => [c.name, c] as const))('%s', (_name, c) => {
    const x = f64(c.x, c.shape);
    const h = hessian(build(c), x);
    expect(h.shape).toEqual([...c.shape, ...c.shape]);
    expect(h.dtype).toBe('float64');
    expect(h.requiresGrad).toBe(false);
    h.data.forEach((v, k) => {
      expect(Math.abs(v - c.hessian[k]!), `H flat ${k}`).toBeLessThanOrEqual(
        1e-10 * (1 + Math.abs(c.hessian[k]!)),
      );
    });
  });

  test('runs inside noGrad (recording is switched on for f) and leaves x untouched', () => {
    const c = fixture.cases[0]!;
    const x = f64(c.x, c.shape);
    const before = Array.from(x.data);
    const h = noGrad(() => hessian(build(c), x));
    expect(h.data[0]).toBeCloseTo(c.hessian[0]!, 10);
    expect(Array.from(x.data)).toEqual(before);
    expect(x.requiresGrad).toBe(false);
    expect(x.grad).toBe(null);
  });

  test('a function linear in x, or constant, has a zero Hessian', () => {
    expect(hessian((x) => sum(mul(x, 3)), f64([1, 2], [2])).toArray()).toEqual([
      [0, 0],
      [0, 0],
    ]);
    expect(hessian(() => tensor(5), f64([1, 2], [2])).toArray()).toEqual([
      [0, 0],
      [0, 0],
    ]);
  });

  test('rejects a non-function, a non-tensor or int32 x, and a non-scalar output, naming hessian', () => {
    const x = f64([1, 2], [2]);
    expect(() => hessian('f' as never, x)).toThrow('hessian: f must be a function of one Tensor, got "f"');
    expect(() => hessian((v) => v, [1, 2] as never)).toThrow('hessian: x must be a Tensor, got an array');
    expect(() => hessian((v) => v, tensor([1], { dtype: 'int32' }))).toThrow(
      'hessian: x must be a float32 or float64 tensor, got int32',
    );
    expect(() => hessian((v) => v, x)).toThrow(
      'hessian: f must return a one-element float32 or float64 Tensor, got a float64 tensor of shape [2]',
    );
    expect(() => hessian(() => 3 as never, x)).toThrow(
      'hessian: f must return a one-element float32 or float64 Tensor, got 3',
    );
  });
});
