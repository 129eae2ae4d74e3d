// Distribution-shift tests against SciPy 1.10 (scripts/oracle_shift.py -> fixtures/shift.json).
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { featureShift } from '../src/featureShift';
import { ksTwoSample } from '../src/ksTwoSample';
import { populationStabilityIndex } from '../src/populationStabilityIndex';

const fx: { cases: { a: number[]; b: number[]; statistic: number; pvalue: number }[] } = JSON.parse(
  readFileSync(new URL('../fixtures/shift.json', import.meta.url), 'utf8'),
);

describe('ksTwoSample vs scipy.stats.ks_2samp (statistic) and kstwobign (asymptotic p-value)', () => {
  it.each(fx.cases.map((c, i) => [i, c] as const))('case %i', (_, c) => {
    const r = ksTwoSample(c.a, c.b);
    expect(r.statistic).toBe(c.statistic);
    expect(Math.abs(r.pvalue - c.pvalue)).toBeLessThanOrEqual(1e-12 + 1e-10 * c.pvalue);
  });
  it('rejects empty and non-finite samples', () => {
    expect(() => ksTwoSample([], [1])).toThrow(
      new TypeError('ksTwoSample: a must be a non-empty array of numbers, got []'),
    );
    expect(() => ksTwoSample([1], [2, Number.NaN])).toThrow(
      new RangeError('ksTwoSample: b[1] must be a finite number, got NaN'),
    );
  });
});

describe('featureShift', () => {
  const n = 400;
  let s = 1;
  const rand = () => {
    s = (s * 16807) % 2147483647;
    return s / 2147483647;
  };
  const train = Array.from({ length: n }, () => [rand(), rand(), rand()]);
  const test = Array.from({ length: n }, () => [rand(), rand() + 0.2, rand()]);

  it('finds the moved feature, with Holm and with Bonferroni, and its PSI', () => {
    for (const correction of ['holm', 'bonferroni'] as const) {
      const r = featureShift(train, test, { correction });
      expect(r.shifted).toEqual([1]);
      expect(r.anyShift).toBe(true);
      expect(r.features[1]!.psi).toBeGreaterThan(0.25);
      expect(r.features[0]!.psi).toBeLessThan(0.1);
    }
  });

  it('Holm adjusts step-down: sorted p-values times (k − rank), made monotone', () => {
    const r = featureShift(train, test);
    const sorted = [...r.features].sort((a, b) => a.pvalue - b.pvalue);
    expect(sorted[0]!.adjustedPvalue).toBeCloseTo(Math.min(1, 3 * sorted[0]!.pvalue), 15);
    expect(sorted[1]!.adjustedPvalue).toBeCloseTo(
      Math.max(sorted[0]!.adjustedPvalue, Math.min(1, 2 * sorted[1]!.pvalue)),
      15,
    );
    const b = featureShift(train, test, { correction: 'bonferroni' });
    for (const f of b.features) expect(f.adjustedPvalue).toBeCloseTo(Math.min(1, 3 * f.pvalue), 15);
  });

  it('accepts { shape, data } matrices and no shift gives none', () => {
    const flat = { shape: [n, 3], data: Float32Array.from(train.flat()) };
    expect(featureShift(flat, train).anyShift).toBe(false);
  });

  it('rejects mismatched features and bad options', () => {
    expect(() => featureShift(train, [[1, 2]])).toThrow(
      new RangeError('featureShift: current has 2 features, reference has 3; they must be the same features'),
    );
    expect(() => featureShift(train, test, { correction: 'bh' as never })).toThrow(
      /correction must be "holm" or "bonferroni", got "bh"/,
    );
    expect(() => featureShift(train, test, { alpha: 0 })).toThrow(/alpha must be in \(0, 1\), got 0/);
    expect(() => featureShift([], test)).toThrow(/reference must hold at least one row/);
  });
});

describe('populationStabilityIndex', () => {
  it('is the sum of (q − p) ln(q/p) over reference-quantile bins', () => {
    const ref = Array.from({ length: 100 }, (_, i) => i);
    // current: all in the top decile -> q = [eps x 9, 1], p = 0.1 each
    const cur = Array.from({ length: 50 }, () => 95);
    const eps = 1e-4;
    const expected = 9 * (eps - 0.1) * Math.log(eps / 0.1) + (1 - 0.1) * Math.log(1 / 0.1);
    expect(populationStabilityIndex(ref, cur)).toBeCloseTo(expected, 12);
  });
  it('rejects bad input', () => {
    expect(() => populationStabilityIndex([1], [1], { bins: 1 })).toThrow(
      /bins must be an integer >= 2, got 1/,
    );
    expect(() => populationStabilityIndex([1, Number.POSITIVE_INFINITY], [1])).toThrow(
      /reference\[1\] must be a finite number, got Infinity/,
    );
  });
});
