import { describe, expect, it } from 'vitest';
import { epsilonSharpness } from './epsilonSharpness';
import { filterNormalizedDirection } from './filterNormalizedDirection';
import { hutchinsonTrace } from './hutchinsonTrace';
import { hutchPlusPlusTrace } from './hutchPlusPlusTrace';
import { lossLandscape } from './lossLandscape';
import { powerIteration } from './powerIteration';
import { lossLandscapeSvg } from './report/lossLandscapeSvg';
import { spectralDensitySvg } from './report/spectralDensitySvg';
import { spectralDensity } from './spectralDensity';

/** H = Q diag(λ) Q^T with the Householder reflection Q = I - 2 u u^T (|u| = 1): a dense operator of known spectrum. */
function rotated(lambda: readonly number[]) {
  const n = lambda.length;
  const u = Float64Array.from({ length: n }, (_, i) => Math.sin(1 + 3 * i));
  const norm = Math.hypot(...u);
  for (let i = 0; i < n; i++) u[i]! /= norm;
  const reflect = (v: ArrayLike<number>) => {
    let c = 0;
    for (let i = 0; i < n; i++) c += u[i]! * v[i]!;
    return Float64Array.from(v, (x, i) => x - 2 * c * u[i]!);
  };
  return (v: Float64Array) => reflect(reflect(v).map((x, i) => lambda[i]! * x));
}

describe('powerIteration', () => {
  const op = rotated([5, -3, 1, 0.5, -0.2]);
  it('finds the largest magnitude, the largest and the smallest eigenvalue of a saddle', () => {
    const t = { dimension: 5, tolerance: 1e-9, maxIterations: 2000 };
    expect(powerIteration(op, t).pairs[0]!.value).toBeCloseTo(5, 12);
    expect(powerIteration(op, { ...t, which: 'largest' }).pairs[0]!.value).toBeCloseTo(5, 12);
    const low = powerIteration(op, { ...t, which: 'smallest' });
    expect(low.pairs[0]!.value).toBeCloseTo(-3, 12);
    expect(low.shift).toBeGreaterThanOrEqual(5);
    expect(powerIteration(op, { ...t, which: 'smallest', k: 2 }).pairs.map((p) => p.value)).toEqual([
      expect.closeTo(-3, 10),
      expect.closeTo(-0.2, 10),
    ]);
    expect(powerIteration(op, { ...t, k: 5 }).pairs.map((p) => p.value)).toEqual(
      [5, -3, 1, 0.5, -0.2].map((v) => expect.closeTo(v, 9)),
    );
  });
  it("stop: 'change' is PyHessian's rule: fewer products, no guarantee, the residual still reported", () => {
    const byResidual = powerIteration(op, { dimension: 5, tolerance: 1e-3 });
    const byChange = powerIteration(op, { dimension: 5, tolerance: 1e-3, stop: 'change' });
    expect(byChange.converged).toBe(true);
    expect(byChange.products).toBeLessThan(byResidual.products);
    expect(byChange.pairs[0]!.value).toBeCloseTo(5, 2);
    expect(byChange.pairs[0]!.residual).toBeGreaterThan(byResidual.pairs[0]!.residual);
    expect(() => powerIteration(op, { dimension: 5, stop: 'delta' as never })).toThrow(
      'powerIteration: stop must be one of "residual", "change", got "delta"',
    );
  });
  it('is reproducible from its seed', () => {
    const a = powerIteration(op, { dimension: 5, seed: 3 });
    expect(powerIteration(op, { dimension: 5, seed: 3 })).toEqual(a);
  });
  it('rejects bad arguments with the function, argument and value in the message', () => {
    expect(() => powerIteration(op, {})).toThrow('powerIteration: dimension is required');
    expect(() => powerIteration(op, { dimension: 0 })).toThrow(RangeError);
    expect(() => powerIteration('op' as never, { dimension: 5 })).toThrow(
      'powerIteration: operator must be a function v => H v, got "op"',
    );
    expect(() => powerIteration(op, { dimension: 5, k: 6 })).toThrow('k must be an integer in [1, 5], got 6');
    expect(() => powerIteration(op, { dimension: 5, which: 'top' as never })).toThrow(
      `which must be one of 'magnitude', 'largest', 'smallest', got "top"`.replace(/'/g, '"'),
    );
    expect(() => powerIteration(op, { dimension: 5, shift: Number.NaN })).toThrow(
      'shift must be a finite number',
    );
    expect(() => powerIteration(op, { dimension: 5, tol: 1 } as never)).toThrow(/unknown option 'tol'/);
    expect(() => powerIteration(() => [1, 2], { dimension: 5 })).toThrow(
      'powerIteration: operator must return 5 numbers (the dimension), got [1, 2]',
    );
    expect(() => powerIteration((v) => v.map(() => Number.NaN), { dimension: 5 })).toThrow(
      'operator returned a non-finite value NaN at index 0 (product 1)',
    );
  });
});

describe('trace estimators on an operator of known spectrum', () => {
  const n = 200;
  const lambda = Array.from({ length: n }, (_, i) => 1 / (i + 1) ** 2);
  const trace = lambda.reduce((a, b) => a + b, 0);
  const op = rotated(lambda);
  it('Hutch++ beats Hutchinson at the same 60 products on a decaying spectrum (mean error over 8 seeds)', () => {
    let errH = 0;
    let errPP = 0;
    for (let seed = 0; seed < 8; seed++) {
      errH += Math.abs(hutchinsonTrace(op, { dimension: n, samples: 60, seed }).estimate - trace);
      errPP += Math.abs(hutchPlusPlusTrace(op, { dimension: n, products: 60, seed }).estimate - trace);
    }
    expect(errPP * 5).toBeLessThan(errH);
  });
  it('Hutch++ is exact on a low-rank operator, Hutchinson on a diagonal one', () => {
    const low = rotated(Array.from({ length: 50 }, (_, i) => (i < 4 ? i + 1 : 0)));
    const t = hutchPlusPlusTrace(low, { dimension: 50, products: 15 });
    expect(t.rank).toBe(4);
    expect(t.estimate).toBeCloseTo(10, 10);
    const h = hutchinsonTrace((v) => v.map((x, i) => i * x), { dimension: 10, samples: 5 });
    expect(h.estimate).toBe(45);
    expect(h.standardError).toBe(0);
  });
  it('rejects bad arguments', () => {
    expect(() => hutchinsonTrace(op, { dimension: n, samples: 0 })).toThrow(
      'hutchinsonTrace: samples must be an integer >= 1, got 0',
    );
    expect(() => hutchinsonTrace(op, { dimension: n, relativeError: -1 })).toThrow('relativeError must be');
    expect(() => hutchPlusPlusTrace(op, { dimension: n, products: 2 })).toThrow(
      'hutchPlusPlusTrace: products must be an integer >= 3, got 2',
    );
    expect(() => hutchPlusPlusTrace(op, { dimension: n, seed: -1 })).toThrow('seed must be an integer');
    expect(() => hutchinsonTrace(op, { dimension: n, numSamples: 3 } as never)).toThrow(/unknown option/);
  });
});

describe('spectralDensity', () => {
  it('with as many steps as distinct eigenvalues the nodes are the eigenvalues and the weights their mass', () => {
    // eigenvalues -1 (x1), 2 (x2), 4 (x1): v = z / 2 puts mass 1/4, 1/2, 1/4 on them
    const d = spectralDensity((v) => Float64Array.from(v, (x, i) => [-1, 2, 2, 4][i]! * x), {
      dimension: 4,
      gridSize: 2001,
      broadening: 0.05,
    });
    expect(Array.from(d.nodes[0]!.values)).toEqual([-1, 2, 4].map((v) => expect.closeTo(v, 12)));
    expect(Array.from(d.nodes[0]!.weights)).toEqual([0.25, 0.5, 0.25].map((v) => expect.closeTo(v, 12)));
    expect(d.grid[0]).toBeCloseTo(-1.25, 12);
    expect(d.grid.at(-1)).toBeCloseTo(4.25, 12);
    // the density is the sum of the weighted Gaussians, e.g. near 2
    const g = Math.round(((2 + 1.25) / 5.5) * 2000);
    const t = d.grid[g]!;
    const gauss = (x: number) => Math.exp(-0.5 * (x / 0.05) ** 2) / (0.05 * Math.sqrt(2 * Math.PI));
    expect(d.density[g]).toBeCloseTo(0.25 * gauss(t + 1) + 0.5 * gauss(t - 2) + 0.25 * gauss(t - 4), 12);
    expect(d.density[g]).toBeGreaterThan(0.99 * 0.5 * gauss(0));
  });
  it('rejects bad arguments', () => {
    const op = (v: Float64Array) => v;
    expect(() => spectralDensity(op, { dimension: 3, runs: 0 })).toThrow(
      'spectralDensity: runs must be an integer >= 1, got 0',
    );
    expect(() => spectralDensity(op, { dimension: 3, broadening: 0 })).toThrow(
      'spectralDensity: broadening must be a finite number > 0, got 0',
    );
    expect(() => spectralDensity(op, { dimension: 3, gridSize: 1 })).toThrow(
      'gridSize must be an integer >= 2',
    );
    expect(() => spectralDensity(() => [1], { dimension: 3 })).toThrow('operator must return 3 numbers');
  });
});

describe('epsilonSharpness', () => {
  const quad = (a: readonly number[]) => ({
    loss: (p: Float64Array) => 0.5 * a.reduce((s, ai, i) => s + ai * p[i]! ** 2, 0),
    gradient: (p: Float64Array) => a.map((ai, i) => ai * p[i]!),
  });
  it('finds the corner of the box on a convex quadratic: ½ Σ a_i (ε(|x_i| + 1))²', () => {
    const point = [0, 0.5, -2];
    const a = [10, 1, 0.1];
    const f = quad(a);
    const s = epsilonSharpness({ ...f, point, epsilon: 1e-3 });
    const f0 = f.loss(Float64Array.from(point));
    // the box maximum is at the corner that moves each coordinate away from 0
    const corner = Float64Array.from(point, (x) => x + Math.sign(x || 1) * 1e-3 * (Math.abs(x) + 1));
    const expected = f.loss(corner) - f0;
    expect(s.maxIncrease).toBeCloseTo(expected, 12);
    expect(s.sharpness).toBeCloseTo((100 * expected) / (1 + f0), 10);
    expect(Math.abs(s.perturbation[2]!)).toBeCloseTo(3e-3, 15);
  });
  it('a sharper minimum has a larger ε-sharpness', () => {
    const flat = epsilonSharpness({ ...quad([1, 1]), point: [0, 0] });
    const sharp = epsilonSharpness({ ...quad([100, 1]), point: [0, 0] });
    expect(sharp.sharpness).toBeGreaterThan(10 * flat.sharpness);
  });
  it('rejects bad arguments', () => {
    const f = quad([1]);
    expect(() => epsilonSharpness(undefined as never)).toThrow(TypeError);
    expect(() => epsilonSharpness({ ...f, point: [] })).toThrow(
      'epsilonSharpness: point must be a non-empty array of numbers, got []',
    );
    expect(() => epsilonSharpness({ ...f, point: [0], epsilon: 0 })).toThrow(
      'epsilonSharpness: epsilon must be a finite number > 0, got 0',
    );
    expect(() => epsilonSharpness({ ...f, point: [0], gradient: () => [1, 2] })).toThrow(
      "gradient must return 1 numbers (the point's length), got [1, 2]",
    );
    expect(() => epsilonSharpness({ ...f, point: [0], loss: () => Number.NaN })).toThrow(
      'epsilonSharpness: loss must return a number, got NaN',
    );
    expect(() => epsilonSharpness({ ...f, point: [0], eps: 1 } as never)).toThrow(/unknown option 'eps'/);
  });
});

describe('filterNormalizedDirection and lossLandscape', () => {
  it('rescales each filter (row of a weight) to the weights’ norm; biases zero or the weights', () => {
    const point = [3, 4, 0, 1, 0, 0, 7, 7, 7];
    const d = filterNormalizedDirection(point, { shapes: [[3, 2], [3]], seed: 5 });
    expect(Math.hypot(d[0]!, d[1]!)).toBeCloseTo(5, 9);
    expect(Math.hypot(d[2]!, d[3]!)).toBeCloseTo(1, 9);
    expect(Math.hypot(d[4]!, d[5]!)).toBeCloseTo(0, 9);
    expect(Array.from(d.slice(6))).toEqual([0, 0, 0]);
    const w = filterNormalizedDirection(point, { shapes: [[3, 2], [3]], biases: 'weight' });
    expect(Array.from(w.slice(6))).toEqual([7, 7, 7]);
    expect(filterNormalizedDirection(point, { seed: 1 })).not.toEqual(
      filterNormalizedDirection(point, { seed: 2 }),
    );
    expect(() => filterNormalizedDirection(point, { shapes: [[2, 2]] })).toThrow(
      "filterNormalizedDirection: shapes must hold the point's 9 numbers, got 4",
    );
    expect(() => filterNormalizedDirection(point, { shapes: [[2, -1]] })).toThrow('shapes[0] must be');
    expect(() => filterNormalizedDirection([1, Number.NaN])).toThrow(
      'point[1] must be a finite number, got NaN',
    );
  });
  it('a 2-D slice of a quadratic equals the quadratic on the plane', () => {
    const loss = (p: Float64Array) => p[0]! ** 2 + 3 * p[1]! ** 2;
    const d1 = [1, 0];
    const d2 = [0, 0.5];
    const s = lossLandscape({ loss, point: [1, 2], dimensions: 2, steps: 5, range: 2, directions: [d1, d2] });
    expect(Array.from(s.alphas)).toEqual([-2, -1, 0, 1, 2]);
    expect(s.values.length).toBe(25);
    expect(s.evaluations).toBe(26);
    for (let j = 0; j < 5; j++) {
      for (let i = 0; i < 5; i++) {
        const a = s.alphas[i]!;
        const b = s.betas[j]!;
        expect(s.values[j * 5 + i]).toBeCloseTo((1 + a) ** 2 + 3 * (2 + 0.5 * b) ** 2, 12);
      }
    }
    expect(s.center).toBe(13);
  });
  it('rejects bad arguments', () => {
    const loss = (p: Float64Array) => p[0]!;
    expect(() => lossLandscape({ loss, point: [1], dimensions: 3 as never })).toThrow(
      'lossLandscape: dimensions must be one of 1, 2, got 3',
    );
    expect(() => lossLandscape({ loss, point: [1], steps: 1 })).toThrow(
      'steps must be an integer >= 2, got 1',
    );
    expect(() => lossLandscape({ loss, point: [1], directions: [[1, 2]] })).toThrow(
      "lossLandscape: directions[0] must hold the point's 1 numbers, got [1, 2]",
    );
    expect(() => lossLandscape({ loss: 3 as never, point: [1] })).toThrow(
      'lossLandscape: loss must be a function x => f(x), got 3',
    );
    expect(() => lossLandscape({ loss: () => 'x' as never, point: [1] })).toThrow(
      'loss must return a number',
    );
  });
});

describe('SVGs', () => {
  const loss = (p: Float64Array) => p[0]! ** 2 + 3 * p[1]! ** 2 + 0.1;
  it('draws 1-D and 2-D slices and a density, deterministically', () => {
    const one = lossLandscape({ loss, point: [1, 2], steps: 11 });
    const two = lossLandscape({ loss, point: [1, 2], steps: 11, dimensions: 2 });
    const a = lossLandscapeSvg(one, { title: 'a <b>' });
    expect(a).toMatch(/^<svg[^>]+width="420" height="340"/);
    expect(a).toContain('a &lt;b&gt;');
    expect(a).toMatch(/<path d="M[^"]+L/);
    expect(lossLandscapeSvg(one)).toBe(lossLandscapeSvg(one));
    const b = lossLandscapeSvg(two, { contours: 4 });
    expect(b.match(/<rect /g)!.length).toBe(1 + 121 + 24);
    expect(b).toContain('loss (log)');
    const d = spectralDensity((v) => v.map((x, i) => (i - 3) * x), { dimension: 8 });
    const c = spectralDensitySvg(d, { logScale: false });
    expect(c).toContain('stroke-dasharray="4 3"'); // the line at 0
    expect(spectralDensitySvg(d)).toContain('1e');
  });
  it('rejects bad arguments', () => {
    expect(() => lossLandscapeSvg({} as never)).toThrow(
      'lossLandscapeSvg: landscape must be a LossLandscape from lossLandscape(), got an object',
    );
    const one = lossLandscape({ loss, point: [1, 2], steps: 3 });
    expect(() => lossLandscapeSvg(one, { width: 10 })).toThrow(
      'width must be an integer in [224, 100000], got 10',
    );
    expect(() => lossLandscapeSvg({ ...one, values: new Float64Array(3).fill(Number.NaN) })).toThrow(
      'no finite loss',
    );
    expect(() => spectralDensitySvg({ grid: [0, 1], density: [1] } as never)).toThrow(RangeError);
    expect(() => spectralDensitySvg(null as never)).toThrow('spectralDensitySvg: density must be');
    expect(() => spectralDensitySvg({ grid: [0, 1], density: [1, 1] } as never, { decades: 0 })).toThrow(
      'decades must be a finite number > 0, got 0',
    );
  });
});
