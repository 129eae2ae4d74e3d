import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import {
  add,
  eigh,
  jacobian,
  logSumExp,
  matmul,
  mul,
  noGrad,
  reshape,
  softmax,
  sum,
  type Tensor,
  tanh,
  tensor,
} from '../src/index';

interface JacCase {
  name: string;
  x: number[];
  shape: number[];
  value: number[];
  outShape: number[];
  jacobian: number[];
  [key: string]: unknown;
}
interface EighCase {
  name: string;
  dtype: 'float32' | 'float64';
  shape: number[];
  a: number[];
  eigenvalues: number[];
  eigenvectors: number[];
}
const fixture: { jacobian: JacCase[]; eigh: EighCase[] } = JSON.parse(
  readFileSync(new URL('../fixtures/functional.json', import.meta.url), 'utf8'),
);

const f64 = (values: unknown, shape: number[]) => tensor(Float64Array.from(values as number[]), { shape });

/** The same functions as scripts/oracle_functional.py, written with @dl/tensor ops. */
function build(c: JacCase): (x: Tensor) => Tensor {
  switch (c.name) {
    case 'tanh_linear': {
      const W = f64(c['W'], [3, 4]);
      return (x) => tanh(matmul(W, x));
    }
    case 'softmax_rows':
      return (x) => softmax(x, { axis: -1 });
    case 'mul_plus_sumsq': {
      const cw = f64(c['c'], [3]);
      return (x) => add(mul(x, cw), sum(mul(x, x)));
    }
    case 'logsumexp_scalar':
      return (x) => logSumExp(reshape(x, [-1]), { axis: 0 });
    default:
      throw new Error(`unknown case ${c.name}`);
  }
}

describe('jacobian(f, x) equals torch.autograd.functional.jacobian (float64)', () => {
  test.each(fixture.jacobian.map((c) => [c.name, c] as const))('%s', (_name, c) => {
    const f = build(c);
    const x = f64(c.x, c.shape);
    for (const [k, v] of Array.from(f(x).data).entries()) expect(v).toBeCloseTo(c.value[k]!, 13);
    const j = jacobian(f, x);
    expect(j.shape).toEqual([...c.outShape, ...c.shape]);
    expect(j.requiresGrad).toBe(false);
    j.data.forEach((v, k) => {
      expect(Math.abs(v - c.jacobian[k]!), `J flat ${k}`).toBeLessThanOrEqual(
        1e-12 * (1 + Math.abs(c.jacobian[k]!)),
      );
    });
  });
});

describe('jacobian in closed form and on bad input', () => {
  test('the Jacobian of x ↦ Ax is A, also for float32 and inside noGrad', () => {
    const A = tensor([
      [1, 2, 3],
      [4, 5, 6],
    ]);
    expect(noGrad(() => jacobian((x) => matmul(A, x), tensor([0.5, -1, 2]))).toArray()).toEqual(A.toArray());
    expect(jacobian((x) => matmul(A, x), tensor([0.5, -1, 2])).dtype).toBe('float32');
  });

  test('an output that does not depend on x gives zeros of shape [...out, ...x]', () => {
    const j = jacobian(() => tensor([1, 2]), tensor([3]));
    expect(j.toArray()).toEqual([[0], [0]]);
  });

  test('rejects bad f, x and outputs naming jacobian', () => {
    expect(() => jacobian(null as never, tensor([1]))).toThrow(
      'jacobian: f must be a function of one Tensor, got null',
    );
    expect(() => jacobian((x) => x, 5 as never)).toThrow('jacobian: x must be a Tensor, got 5');
    expect(() => jacobian(() => tensor([1], { dtype: 'int32' }), tensor([1]))).toThrow(
      'jacobian: f must return a float32 or float64 Tensor, got a int32 tensor of shape [1]',
    );
  });
});

/** |a - b| within tol relative to the matrix scale. */
function close(a: number, b: number, tol: number): boolean {
  return Math.abs(a - b) <= tol;
}

describe('eigh equals torch.linalg.eigh (eigenvalues; eigenvectors up to sign where determined)', () => {
  test.each(fixture.eigh.map((c) => [c.name, c] as const))('%s', (_name, c) => {
    const a = c.dtype === 'float32' ? tensor(Float32Array.from(c.a), { shape: c.shape }) : f64(c.a, c.shape);
    const { eigenvalues, eigenvectors } = eigh(a);
    const n = c.shape[c.shape.length - 1]!;
    expect(eigenvalues.shape).toEqual(c.shape.slice(0, -1));
    expect(eigenvectors.shape).toEqual(c.shape);
    expect(eigenvalues.dtype).toBe(c.dtype);
    const scale = Math.max(1, ...c.eigenvalues.map(Math.abs));
    const tol = (c.dtype === 'float32' ? 2e-6 : 1e-13) * scale * n;
    eigenvalues.data.forEach((v, k) => {
      expect(close(v, c.eigenvalues[k]!, tol), `λ${k}: ${v} vs ${c.eigenvalues[k]}`).toBe(true);
    });
    const batch = a.size / (n * n);
    for (let b = 0; b < batch; b++) {
      const base = b * n * n;
      const w = c.eigenvalues.slice(b * n, b * n + n);
      for (let k = 0; k < n; k++) {
        // An eigenvector is determined (up to sign) only when its eigenvalue is simple.
        const gap = Math.min(
          k > 0 ? w[k]! - w[k - 1]! : Number.POSITIVE_INFINITY,
          k < n - 1 ? w[k + 1]! - w[k]! : Number.POSITIVE_INFINITY,
        );
        if (gap < 1e-6 * scale) continue;
        let dot = 0;
        for (let i = 0; i < n; i++)
          dot += eigenvectors.data[base + i * n + k]! * c.eigenvectors[base + i * n + k]!;
        const sign = dot < 0 ? -1 : 1;
        const vtol = c.dtype === 'float32' ? 1e-4 : (1e-12 * scale) / gap;
        for (let i = 0; i < n; i++) {
          const ours = sign * eigenvectors.data[base + i * n + k]!;
          expect(close(ours, c.eigenvectors[base + i * n + k]!, vtol), `v${k}[${i}]`).toBe(true);
        }
      }
    }
  });
});

describe('eigh properties', () => {
  test('reconstructs A = V diag(λ) Vᵀ with orthonormal V, even with repeated eigenvalues', () => {
    for (const c of fixture.eigh.filter((e) => e.dtype === 'float64' && e.shape.length === 2)) {
      const n = c.shape[0]!;
      const { eigenvalues: w, eigenvectors: v } = eigh(f64(c.a, c.shape));
      for (let i = 0; i < n; i++) {
        for (let j = 0; j <= i; j++) {
          let r = 0;
          let o = 0;
          for (let k = 0; k < n; k++) {
            r += v.data[i * n + k]! * w.data[k]! * v.data[j * n + k]!;
            o += v.data[k * n + i]! * v.data[k * n + j]!;
          }
          expect(Math.abs(r - c.a[i * n + j]!), `${c.name} A[${i}][${j}]`).toBeLessThan(1e-12 * n * 10);
          expect(Math.abs(o - (i === j ? 1 : 0)), `${c.name} VᵀV[${i}][${j}]`).toBeLessThan(1e-13 * n * 10);
        }
      }
    }
  });

  test('eigenvalues ascend, the largest-magnitude component of each eigenvector is positive', () => {
    const c = fixture.eigh.find((e) => e.name === 'random_sym_10')!;
    const { eigenvalues: w, eigenvectors: v } = eigh(f64(c.a, c.shape));
    for (let k = 1; k < 10; k++) expect(w.data[k]!).toBeGreaterThanOrEqual(w.data[k - 1]!);
    for (let k = 0; k < 10; k++) {
      const col = Array.from({ length: 10 }, (_, i) => v.data[i * 10 + k]!);
      const big = col.reduce((b, x) => (Math.abs(x) > Math.abs(b) ? x : b), 0);
      expect(big).toBeGreaterThan(0);
    }
  });

  test('an empty matrix and a 1×1 matrix', () => {
    const e = eigh(tensor(new Float64Array(0), { shape: [0, 0] }));
    expect(e.eigenvalues.shape).toEqual([0]);
    expect(e.eigenvectors.shape).toEqual([0, 0]);
    expect(eigh(tensor([[-4]])).eigenvalues.toArray()).toEqual([-4]);
    expect(eigh(tensor([[-4]])).eigenvectors.toArray()).toEqual([[1]]);
  });

  test('rejects non-tensors, int32, non-square shapes and non-finite entries, naming eigh', () => {
    expect(() => eigh([[1]] as never)).toThrow('eigh: a must be a Tensor, got an array');
    expect(() => eigh(tensor([[1]], { dtype: 'int32' }))).toThrow(
      'eigh: a must be a float32 or float64 tensor, got int32',
    );
    expect(() => eigh(tensor([1, 2]))).toThrow(
      'eigh: a must be a square matrix or a batch of them (shape [..., n, n]), got shape [2]',
    );
    expect(() =>
      eigh(
        tensor([
          [1, 2, 3],
          [4, 5, 6],
        ]),
      ),
    ).toThrow('got shape [2, 3]');
    expect(() =>
      eigh(
        tensor([
          [
            [1, 0],
            [0, 1],
          ],
          [
            [1, 0],
            [Number.NaN, 1],
          ],
        ]),
      ),
    ).toThrow('eigh: a must have finite entries, got NaN at [1, 1, 0]');
    // The upper triangle is not read (like PyTorch), so a NaN there is ignored.
    expect(
      eigh(
        tensor([
          [1, Number.NaN],
          [0, 2],
        ]),
      ).eigenvalues.toArray(),
    ).toEqual([1, 2]);
  });
});
