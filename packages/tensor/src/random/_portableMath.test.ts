import { describe, expect, test } from 'vitest';
import { portableCosSin2Pi, portableLog } from './_portableMath';

/** Distance in units of the last place of `expected`. */
function ulps(actual: number, expected: number): number {
  if (actual === expected) return 0;
  const ulp = Math.max(Number.MIN_VALUE, Math.abs(expected) * Number.EPSILON);
  return Math.abs(actual - expected) / ulp;
}

describe('portable elementary functions (IEEE +−×÷ only)', () => {
  test('portableLog is within 2 ulp of Math.log over (2^-53, 1] and beyond', () => {
    let worst = 0;
    for (let i = 1; i <= 200000; i++) {
      const x = i / 200000;
      worst = Math.max(worst, ulps(portableLog(x), Math.log(x)));
    }
    for (let e = -53; e <= 60; e++) {
      for (const m of [1, 1.0000001, 1.25, Math.SQRT2, 1.5, 1.9999999]) {
        const x = m * 2 ** e;
        // ln x near 1 is tiny: compare with an absolute floor there
        const tol = Math.abs(Math.log(x)) < 1e-3 ? 1e-18 : 0;
        if (Math.abs(portableLog(x) - Math.log(x)) > tol)
          worst = Math.max(worst, ulps(portableLog(x), Math.log(x)));
      }
    }
    expect(portableLog(1)).toBe(0);
    expect(worst).toBeLessThanOrEqual(2);
  });

  test('portableCosSin2Pi is within 1e-15 of Math.cos/Math.sin of 2πu, exact at the octant points', () => {
    let worst = 0;
    for (let i = 0; i < 200000; i++) {
      const u = i / 200000;
      const [c, s] = portableCosSin2Pi(u);
      worst = Math.max(
        worst,
        Math.abs(c - Math.cos(2 * Math.PI * u)),
        Math.abs(s - Math.sin(2 * Math.PI * u)),
      );
    }
    expect(worst).toBeLessThanOrEqual(1e-15);
    expect(portableCosSin2Pi(0)).toEqual([1, 0]);
    const [c1, s1] = portableCosSin2Pi(0.25);
    expect([c1 + 0, s1]).toEqual([0, 1]);
    const [c2, s2] = portableCosSin2Pi(0.5);
    expect([c2, s2 + 0]).toEqual([-1, 0]);
  });
});
