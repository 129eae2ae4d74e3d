import { describe, expect, test } from 'vitest';
import { RandomState } from './RandomState';

describe('RandomState', () => {
  test('interval(max) stays within [0, max] and covers it', () => {
    const rng = new RandomState(1);
    for (const max of [0, 1, 5, 6, 255, 1000]) {
      // one assertion per max over all 4000 draws (48,000 expect calls took 40 s on a loaded CI machine)
      const seen = new Set<number>();
      let lo = Number.POSITIVE_INFINITY;
      let hi = Number.NEGATIVE_INFINITY;
      for (let i = 0; i < 4000; i++) {
        const v = rng.interval(max);
        lo = Math.min(lo, v);
        hi = Math.max(hi, v);
        seen.add(v);
      }
      expect([lo >= 0, hi <= max]).toEqual([true, true]);
      if (max <= 6) expect(seen.size).toBe(max + 1);
    }
  });

  test('randomSample is in [0, 1) with mean near 1/2', () => {
    const rng = new RandomState(2);
    let s = 0;
    let outside = 0;
    for (let i = 0; i < 10000; i++) {
      const v = rng.randomSample();
      if (!(v >= 0 && v < 1)) outside++;
      s += v;
    }
    expect(outside).toBe(0);
    expect(Math.abs(s / 10000 - 0.5)).toBeLessThan(0.02);
  });

  test('shuffle works in place on plain arrays and typed arrays with the same draws', () => {
    const a = ['a', 'b', 'c', 'd', 'e'];
    const b = Float64Array.from([0, 1, 2, 3, 4]);
    new RandomState(7).shuffle(a);
    new RandomState(7).shuffle(b);
    expect(a).toEqual(Array.from(b, (i) => 'abcde'[i]));
  });

  test('permutation(array) leaves its input alone', () => {
    const x = [5, 6, 7];
    const p = new RandomState(0).permutation(x);
    expect(x).toEqual([5, 6, 7]);
    expect(Array.from(p).sort()).toEqual([5, 6, 7]);
  });

  test('randint covers the full 32-bit range case', () => {
    const v = new RandomState(0).randint(0, 2 ** 32);
    expect(v).toBe(new RandomState(0).nextUint32());
  });
});
