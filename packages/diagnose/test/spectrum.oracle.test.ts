// Power iteration, trace estimators and the spectral density against the dense spectrum of a known Hessian: the
// 485-parameter tanh MLP of scripts/oracle.py, whose full Hessian PyTorch 1.13 decomposed (torch.linalg.eigh,
// cross-checked by numpy.linalg.eigh) in scripts/oracle_spectrum.py -> fixtures/spectrum.json. Products are
// exact (double backward in float64).
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { hutchinsonTrace } from '../src/hutchinsonTrace';
import { hutchPlusPlusTrace } from '../src/hutchPlusPlusTrace';
import { lanczos } from '../src/lanczos';
import { powerIteration } from '../src/powerIteration';
import { spectralDensity } from '../src/spectralDensity';
import { mlp485 } from './mlp485';

interface Pairs {
  values: number[];
  vectors: number[][];
}
const sp: {
  dimension: number;
  trace: number;
  frobeniusSquared: number;
  diagonalSquared: number;
  thirdMomentPerDimension: number;
  eigenvalues: number[];
  largest: Pairs;
  smallest: Pairs;
  magnitude: Pairs;
} = JSON.parse(readFileSync(new URL('../fixtures/spectrum.json', import.meta.url), 'utf8'));

const m = mlp485();
const n = m.dimension;
const cosine = (a: ArrayLike<number>, b: ArrayLike<number>) => {
  let ab = 0;
  let aa = 0;
  let bb = 0;
  for (let i = 0; i < a.length; i++) {
    ab += a[i]! * b[i]!;
    aa += a[i]! ** 2;
    bb += b[i]! ** 2;
  }
  return Math.abs(ab) / Math.sqrt(aa * bb);
};
/** The distance from `v` to the nearest true eigenvalue. */
const distance = (v: number) => Math.min(...sp.eigenvalues.map((e) => Math.abs(e - v)));

describe('powerIteration vs the dense eigendecomposition (PyTorch)', { timeout: 60_000 }, () => {
  it('top-3 by magnitude (PyHessian top_n) with deflation: values, vectors, and residuals that bound the error', () => {
    const r = powerIteration(m.op, { dimension: n, k: 3, tolerance: 1e-5, maxIterations: 1000 });
    expect(r.converged).toBe(true);
    r.pairs.forEach((p, j) => {
      expect(Math.abs(p.value - sp.magnitude.values[j]!) / Math.abs(sp.magnitude.values[j]!)).toBeLessThan(
        1e-8,
      );
      expect(distance(p.value)).toBeLessThanOrEqual(p.residual);
      expect(p.residual).toBeLessThanOrEqual(2e-5 * Math.abs(sp.magnitude.values[0]!));
      expect(cosine(p.vector, sp.magnitude.vectors[j]!)).toBeGreaterThan(1 - 1e-6);
    });
    expect(r.products).toBe(r.iterations.reduce((a, b) => a + b, 0));
  });

  it('the most negative eigenvalue by the automatic shift, with its eigenvector', () => {
    const r = powerIteration(m.op, { dimension: n, which: 'smallest', tolerance: 1e-4, maxIterations: 2000 });
    expect(r.converged).toBe(true);
    const [p] = r.pairs;
    expect(p!.value).toBeLessThan(0);
    expect(Math.abs(p!.value - sp.smallest.values[0]!)).toBeLessThanOrEqual(p!.residual);
    expect(Math.abs(p!.value - sp.smallest.values[0]!) / Math.abs(sp.smallest.values[0]!)).toBeLessThan(1e-6);
    expect(cosine(p!.vector, sp.smallest.vectors[0]!)).toBeGreaterThan(0.999);
    // shift = |λ_dom| + its residual >= λmax
    expect(r.shift).toBeGreaterThanOrEqual(sp.largest.values[0]!);
  });

  it('the two algebraically largest with a given shift; Lanczos needs far fewer products for the same bound', () => {
    const r = powerIteration(m.op, {
      dimension: n,
      which: 'largest',
      shift: sp.smallest.values[0]! - 0.1,
      k: 2,
      tolerance: 1e-5,
      maxIterations: 2000,
    });
    expect(r.converged).toBe(true);
    expect(r.pairs.map((p) => p.value)).toEqual(
      sp.largest.values.slice(0, 2).map((v) => expect.closeTo(v, 8)),
    );
    const l = lanczos(m.op, { dimension: n, k: 2, tolerance: 1e-5, maxIterations: 300 });
    expect(l.converged).toBe(true);
    expect(l.products * 3).toBeLessThan(r.products);
  });

  it('an operator that does not converge within the budget says so', () => {
    const r = powerIteration(m.op, { dimension: n, which: 'smallest', maxIterations: 5, tolerance: 1e-9 });
    expect(r.converged).toBe(false);
    expect(r.pairs[0]!.residual).toBeGreaterThan(0);
  });
});

describe('trace estimators vs the exact trace (PyTorch)', { timeout: 60_000 }, () => {
  it("hutchinsonTrace: within 4 standard errors of tr H; the error estimate matches Hutchinson's variance", () => {
    const t = hutchinsonTrace(m.op, { dimension: n, samples: 99 });
    expect(t.products).toBe(99);
    expect(Math.abs(t.estimate - sp.trace)).toBeLessThan(4 * t.standardError);
    // Var[z^T H z] = 2 (|H|_F^2 - sum H_ii^2) for Rademacher z
    const theory = Math.sqrt((2 * (sp.frobeniusSquared - sp.diagonalSquared)) / 99);
    expect(t.standardError / theory).toBeGreaterThan(0.7);
    expect(t.standardError / theory).toBeLessThan(1.4);
  });

  it('relativeError stops early once the standard error is small enough', () => {
    const t = hutchinsonTrace(m.op, { dimension: n, samples: 400, relativeError: 0.1 });
    expect(t.products).toBeLessThan(400);
    expect(t.standardError).toBeLessThanOrEqual(0.1 * Math.abs(t.estimate));
  });

  it('hutchPlusPlusTrace: within 4 standard errors of tr H with the same 99 products', () => {
    const t = hutchPlusPlusTrace(m.op, { dimension: n, products: 99 });
    expect(t.products).toBe(99);
    expect(t.rank).toBe(33);
    expect(Math.abs(t.estimate - sp.trace)).toBeLessThan(4 * t.standardError);
  });

  it('with as many products as dimensions both are exact where they must be', async () => {
    // The dense Hessian, one exact product a column (n products, not the 3n below: this test took 74 s on a slow
    // CI machine), with a turn of the event loop every 16 columns (vitest's worker must read its parent's replies
    // within 60 s); its trace is PyTorch's, and Hutch++ then runs on it.
    const H = new Float64Array(n * n);
    const e = new Float64Array(n);
    for (let j = 0; j < n; j++) {
      e.fill(0);
      e[j] = 1;
      H.set(m.op(e), j * n);
      if (j % 16 === 15) await new Promise<void>((resolve) => setImmediate(resolve));
    }
    let trace = 0;
    for (let i = 0; i < n; i++) trace += H[i * n + i]!;
    expect(trace).toBeCloseTo(sp.trace, 9);
    // H is symmetric: column j is row j
    const dense = (v: Float64Array) => {
      const out = new Float64Array(n);
      for (let j = 0; j < n; j++) {
        const vj = v[j]!;
        if (vj === 0) continue;
        for (let i = 0; i < n; i++) out[i]! += H[j * n + i]! * vj;
      }
      return out;
    };
    // Hutch++ with a sketch of n columns spans everything: tr(Q^T H Q) = tr H
    const t = hutchPlusPlusTrace(dense, { dimension: n, products: 3 * n });
    expect(t.estimate).toBeCloseTo(sp.trace, 9);
    expect(t.standardError).toBeLessThan(1e-12);
  });
});

describe('spectralDensity (stochastic Lanczos quadrature) vs the dense spectrum (PyTorch)', {
  timeout: 60_000,
}, () => {
  const d = spectralDensity(m.op, { dimension: n, iterations: 40, runs: 10 });

  it('integrates to 1 and spans the spectrum', () => {
    let integral = 0;
    for (let i = 1; i < d.grid.length; i++) {
      integral += 0.5 * (d.density[i]! + d.density[i - 1]!) * (d.grid[i]! - d.grid[i - 1]!);
    }
    expect(integral).toBeCloseTo(1, 6);
    expect(d.products).toBe(400);
    for (const q of d.nodes) {
      expect(q.weights.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 12);
      // Ritz values lie inside the spectrum, and the extreme ones converge to its ends
      expect(q.values[0]!).toBeGreaterThanOrEqual(sp.eigenvalues[0]! - 1e-9);
      expect(q.values.at(-1)!).toBeLessThanOrEqual(sp.eigenvalues.at(-1)! + 1e-9);
      expect(q.values.at(-1)! / sp.eigenvalues.at(-1)!).toBeGreaterThan(0.999);
    }
  });

  it('its moments match tr(H^k)/n for k = 0..3 within 4 standard errors of the runs', () => {
    const exact = [1, sp.trace / n, sp.frobeniusSquared / n, sp.thirdMomentPerDimension];
    for (let k = 0; k <= 3; k++) {
      const perRun = d.nodes.map((q) => q.values.reduce((s, v, i) => s + q.weights[i]! * v ** k, 0));
      const mean = perRun.reduce((a, b) => a + b, 0) / perRun.length;
      const se = Math.sqrt(
        perRun.reduce((s, v) => s + (v - mean) ** 2, 0) / (perRun.length - 1) / perRun.length,
      );
      expect(Math.abs(mean - exact[k]!)).toBeLessThanOrEqual(4 * se + 1e-12);
    }
  });

  it('the negative mass is the fraction of negative eigenvalues, roughly', () => {
    const negative = sp.eigenvalues.filter((v) => v < 0).length / n;
    const mass = d.nodes.reduce(
      (s, q) => s + q.values.reduce((a, v, i) => a + (v < 0 ? q.weights[i]! : 0), 0),
      0,
    );
    expect(Math.abs(mass / d.nodes.length - negative)).toBeLessThan(0.1);
  });
});
