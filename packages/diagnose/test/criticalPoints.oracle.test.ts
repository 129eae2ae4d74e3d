// Critical points against PyTorch 1.13: full Hessians from torch.autograd.functional.hessian and their
// eigenvalues from torch.linalg.eigvalsh (scripts/oracle.py -> fixtures/hessians.json).
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { analyzeCriticalPoint } from '../src/analyzeCriticalPoint';
import { finiteDifferenceHvp } from '../src/finiteDifferenceHvp';
import { lanczos } from '../src/lanczos';
import { mlp485 } from './mlp485';

interface Fixture {
  rosenbrock: { point: number[]; hessian: number[][]; eigenvalues: number[] }[];
  mlp: {
    shapes: number[][];
    X: number[][];
    y: number[];
    theta: number[];
    loss: number;
    gradientNorm: number;
    eigenvalues: number[];
  };
}
const fx: Fixture = JSON.parse(readFileSync(new URL('../fixtures/hessians.json', import.meta.url), 'utf8'));

const rosenGrad = (p: ArrayLike<number>) => [
  -2 * (1 - p[0]!) - 400 * p[0]! * (p[1]! - p[0]! ** 2),
  200 * (p[1]! - p[0]! ** 2),
];
const rosen = (p: ArrayLike<number>) => (1 - p[0]!) ** 2 + 100 * (p[1]! - p[0]! ** 2) ** 2;

describe('Rosenbrock vs torch.autograd.functional.hessian', () => {
  for (const c of fx.rosenbrock) {
    it(`eigenvalues at (${c.point.join(', ')}) from finite-difference products`, () => {
      const r = lanczos(finiteDifferenceHvp(rosenGrad, c.point), { dimension: 2 });
      expect(r.smallest[0]!.value).toBeCloseTo(c.eigenvalues[0]!, 5);
      expect(r.largest[0]!.value / c.eigenvalues[1]!).toBeCloseTo(1, 8);
    });
  }
  it('(1, 1) is a local minimum', () => {
    const a = analyzeCriticalPoint({ point: [1, 1], gradient: rosenGrad, loss: rosen });
    expect(a.kind).toBe('local-minimum');
    expect(a.smallest.value).toBeCloseTo(fx.rosenbrock[0]!.eigenvalues[0]!, 5);
    expect(a.escape).toBeNull();
  });
  it('(-1, 2) is not a critical point', () => {
    expect(analyzeCriticalPoint({ point: [-1, 2], gradient: rosenGrad }).kind).toBe('not-critical');
  });
});

describe('quadratics with known Hessians', () => {
  it('x^2 - y^2: a saddle, escape along y, measured drop equals ½λα²', () => {
    const a = analyzeCriticalPoint({
      point: [0, 0],
      gradient: (p) => [2 * p[0]!, -2 * p[1]!],
      hvp: (v) => [2 * v[0]!, -2 * v[1]!],
      loss: (p) => p[0]! ** 2 - p[1]! ** 2,
    });
    expect(a.kind).toBe('saddle');
    expect(a.smallest.value).toBeCloseTo(-2, 12);
    expect(a.largest.value).toBeCloseTo(2, 12);
    expect(Math.abs(a.escape!.direction[1]!)).toBeCloseTo(1, 12);
    for (const s of a.escape!.steps) {
      expect(s.predicted).toBeCloseTo(-(s.alpha ** 2), 12);
      expect(s.measured).toBeCloseTo(s.predicted, 12);
    }
  });
  it('x^2 + 3y^2: a minimum with eigenvalues 2 and 6', () => {
    const a = analyzeCriticalPoint({ point: [0, 0], gradient: (p) => [2 * p[0]!, 6 * p[1]!] });
    expect(a.kind).toBe('local-minimum');
    expect(a.smallest.value).toBeCloseTo(2, 6);
    expect(a.largest.value).toBeCloseTo(6, 6);
  });
  it('-(x^2 + y^2) is a maximum, x^4 + y^4 is flat to second order, x^2 + y^4 inconclusive', () => {
    expect(analyzeCriticalPoint({ point: [0, 0], gradient: (p) => [-2 * p[0]!, -2 * p[1]!] }).kind).toBe(
      'local-maximum',
    );
    expect(
      analyzeCriticalPoint({ point: [0, 0], gradient: (p) => [4 * p[0]! ** 3, 4 * p[1]! ** 3] }).kind,
    ).toBe('flat');
    expect(analyzeCriticalPoint({ point: [0, 0], gradient: (p) => [2 * p[0]!, 4 * p[1]! ** 3] }).kind).toBe(
      'inconclusive',
    );
  });
});

describe('Lanczos on a 485-parameter MLP vs the dense eigendecomposition of its full Hessian (PyTorch)', () => {
  // the same network as the spectrum oracle tests (test/mlp485.ts)
  const { theta, eigenvalues } = fx.mlp;
  const mlp = mlp485();
  const op = mlp.op;
  const gradient = mlp.gradientAt;

  it('the loss and gradient norm equal PyTorch', () => {
    expect(mlp.lossAt(Float64Array.from(theta))).toBeCloseTo(fx.mlp.loss, 12);
    expect(Math.hypot(...gradient(Float64Array.from(theta)))).toBeCloseTo(fx.mlp.gradientNorm, 12);
  });

  it('extreme eigenvalues to 1e-6 relative, in far fewer products than the dimension', () => {
    const r = lanczos(op, { dimension: theta.length, tolerance: 1e-8, maxIterations: 200 });
    expect(r.converged).toBe(true);
    const lo = eigenvalues[0]!;
    const hi = eigenvalues.at(-1)!;
    expect(Math.abs(r.largest[0]!.value - hi) / Math.abs(hi)).toBeLessThan(1e-6);
    expect(Math.abs(r.smallest[0]!.value - lo) / Math.abs(lo)).toBeLessThan(1e-6);
    // the residuals are true error bounds
    expect(Math.abs(r.largest[0]!.value - hi)).toBeLessThanOrEqual(r.largest[0]!.residual + 1e-12);
    expect(r.products).toBeLessThan(theta.length / 2);
  });

  it('top-3 at each end', () => {
    const r = lanczos(op, { dimension: theta.length, k: 3, tolerance: 1e-7, maxIterations: 300 });
    expect(r.largest.map((p) => p.value)).toEqual(
      eigenvalues
        .slice(-3)
        .reverse()
        .map((v) => expect.closeTo(v, 5)),
    );
    expect(r.smallest.map((p) => p.value)).toEqual(eigenvalues.slice(0, 3).map((v) => expect.closeTo(v, 5)));
  });

  it('exact and finite-difference products agree', () => {
    const exact = op;
    const fd = finiteDifferenceHvp(gradient, theta);
    const v = Float64Array.from(theta, (_, i) => Math.sin(i));
    const a = exact(v);
    const b = fd(v);
    let num = 0;
    let den = 0;
    for (let i = 0; i < v.length; i++) {
      num += (a[i]! - b[i]!) ** 2;
      den += a[i]! ** 2;
    }
    expect(Math.sqrt(num / den)).toBeLessThan(1e-6);
  });

  it('this random point is not critical (its gradient is large)', () => {
    const a = analyzeCriticalPoint({
      point: theta,
      gradient: (p) => gradient(Float64Array.from(p)),
      hvp: (v) => op(Float64Array.from(v)),
    });
    expect(a.kind).toBe('not-critical');
    expect(a.gradientNorm).toBeCloseTo(fx.mlp.gradientNorm, 12);
  });
});
