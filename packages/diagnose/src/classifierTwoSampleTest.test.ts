import { describe, expect, test } from 'vitest';
import { normals } from './_random';
import { classifierTwoSampleTest } from './classifierTwoSampleTest';
import { featureShift } from './featureShift';

/** Logistic regression on [x, y, x·y] by gradient descent: a classifier that sees correlation. */
function logistic(x: number[][], y: number[]) {
  const feats = (r: number[]) => [1, r[0]!, r[1]!, r[0]! * r[1]!];
  const w = [0, 0, 0, 0];
  for (let it = 0; it < 200; it++) {
    const g = [0, 0, 0, 0];
    x.forEach((r, i) => {
      const f = feats(r);
      const p = 1 / (1 + Math.exp(-f.reduce((s, v, j) => s + v * w[j]!, 0)));
      f.forEach((v, j) => {
        g[j]! += ((p - y[i]!) * v) / x.length;
      });
    });
    g.forEach((v, j) => {
      w[j]! -= 0.5 * v;
    });
  }
  return { w, feats };
}
const score = (m: ReturnType<typeof logistic>, x: number[][]) =>
  x.map((r) => m.feats(r).reduce((s, v, j) => s + v * m.w[j]!, 0));

/** n points of a 2-D normal with correlation rho. */
function sample(n: number, rho: number, seed: number): number[][] {
  const z = normals(seed);
  return Array.from({ length: n }, () => {
    const a = z();
    const b = z();
    return [a, rho * a + Math.sqrt(1 - rho * rho) * b];
  });
}

describe('classifierTwoSampleTest', () => {
  test('finds a change of correlation that per-feature KS tests cannot see (same marginals)', async () => {
    const reference = sample(300, 0.8, 1);
    const current = sample(300, -0.8, 2);
    expect(featureShift(reference, current).shifted).toEqual([]);
    const r = await classifierTwoSampleTest(reference, current, { fit: logistic, predict: score });
    expect(r.shifted).toBe(true);
    expect(r.auc).toBeGreaterThan(0.8);
    expect(r.pValue).toBe(1 / 1001);
    expect(r.foldAucs).toHaveLength(5);
    expect(r.scored).toBe(600);
    const normal = await classifierTwoSampleTest(reference, current, {
      fit: logistic,
      predict: score,
      pValue: 'normal',
    });
    expect(normal.auc).toBe(r.auc);
    expect(normal.pValue).toBeLessThan(1e-20);
  });

  test('unshifted data: AUC near 0.5, not shifted; p-values are roughly uniform under the null', async () => {
    const r = await classifierTwoSampleTest(sample(300, 0.5, 3), sample(300, 0.5, 4), {
      fit: logistic,
      predict: score,
    });
    expect(r.shifted).toBe(false);
    expect(Math.abs(r.auc - 0.5)).toBeLessThan(0.06);
    // 40 null replicates, held-out split, both p-value methods: about 5% below 0.05
    const ps: number[] = [];
    const pn: number[] = [];
    for (let k = 0; k < 40; k++) {
      const a = sample(60, 0, 100 + 2 * k);
      const b = sample(60, 0, 101 + 2 * k);
      const o = {
        fit: logistic,
        predict: score,
        method: 'holdout' as const,
        randomState: k,
        nPermutations: 199,
      };
      ps.push((await classifierTwoSampleTest(a, b, o)).pValue);
      pn.push((await classifierTwoSampleTest(a, b, { ...o, pValue: 'normal' })).pValue);
    }
    expect(ps.filter((p) => p < 0.05).length).toBeLessThanOrEqual(6);
    expect(pn.filter((p) => p < 0.05).length).toBeLessThanOrEqual(6);
    expect(ps.filter((p) => p > 0.5).length).toBeGreaterThan(10);
    // the two methods agree closely on the same scores
    ps.forEach((p, i) => {
      expect(Math.abs(p - pn[i]!)).toBeLessThan(0.1);
    });
  });

  test('holdout scores only the held-out part; async fit and predict work; dense matrices are accepted', async () => {
    const a = sample(100, 0.9, 5);
    const b = sample(50, -0.9, 6);
    const dense = { shape: [100, 2], data: a.flat() };
    const r = await classifierTwoSampleTest(dense, b, {
      fit: async (x, y) => logistic(x, y),
      predict: async (m, x) => Float64Array.from(score(m, x)),
      method: 'holdout',
      testSize: 0.4,
    });
    expect(r.method).toBe('holdout');
    expect(r.scored).toBe(40 + 20);
    expect(r.foldAucs).toHaveLength(1);
    expect(r.shifted).toBe(true);
  });

  test('the labels it trains on are 0 for reference and 1 for current, and no scored row was trained on', async () => {
    const a = sample(20, 0, 7);
    const b = sample(20, 0, 8).map(([x, y]) => [x! + 100, y!]);
    const seen: number[] = [];
    const r = await classifierTwoSampleTest(a, b, {
      fit: (x, y) => {
        x.forEach((row, i) => {
          expect(y[i]).toBe(row[0]! > 50 ? 1 : 0);
        });
        seen.push(...x.map((row) => row[0]!));
        return new Set(x.map((row) => row[0]!));
      },
      predict: (trained, x) => x.map((row) => (trained.has(row[0]!) ? Number.NaN : row[0]!)),
      nSplits: 4,
    });
    expect(r.auc).toBe(1);
    expect(seen).toHaveLength(4 * 30);
  });

  test('bad input: errors name the function, the argument, the value and what was expected', async () => {
    const a = sample(20, 0, 9);
    const ok = { fit: logistic, predict: score };
    await expect(classifierTwoSampleTest(a, a, undefined as never)).rejects.toThrow(TypeError);
    await expect(classifierTwoSampleTest(a, a, { ...ok, fit: 1 as never })).rejects.toThrow(
      'classifierTwoSampleTest: fit must be a function (x, y) => model, got 1',
    );
    await expect(classifierTwoSampleTest(a, a, { ...ok, method: 'cv' as never })).rejects.toThrow(
      'classifierTwoSampleTest: method must be one of "kfold", "holdout", got "cv"',
    );
    await expect(classifierTwoSampleTest(a, a, { ...ok, pValue: 'exact' as never })).rejects.toThrow(
      RangeError,
    );
    await expect(classifierTwoSampleTest(a, a, { ...ok, nSplits: 1 })).rejects.toThrow(
      'classifierTwoSampleTest: nSplits must be an integer >= 2, got 1',
    );
    await expect(classifierTwoSampleTest(a, a.slice(0, 3), ok)).rejects.toThrow(
      'classifierTwoSampleTest: each sample needs at least nSplits (5) rows for stratified K-fold, got 3',
    );
    await expect(classifierTwoSampleTest(a, [[1, 2, 3]], ok)).rejects.toThrow(
      'classifierTwoSampleTest: reference has 2 features but current has 3',
    );
    await expect(classifierTwoSampleTest(a, [[1, Number.NaN]], ok)).rejects.toThrow(
      'classifierTwoSampleTest: current[0][1] must be a number, got NaN',
    );
    await expect(classifierTwoSampleTest([], a, ok)).rejects.toThrow(
      'classifierTwoSampleTest: reference must hold at least one row, got []',
    );
    await expect(classifierTwoSampleTest(a, a, { ...ok, predict: () => [1, 2] })).rejects.toThrow(
      /classifierTwoSampleTest: predict must return one score per row \(8 rows\)/,
    );
    await expect(classifierTwoSampleTest(a, a, { ...ok, estimator: 1 } as never)).rejects.toThrow(
      /unknown option 'estimator'/,
    );
  });
});
