import { describe, expect, test } from 'vitest';
import { RandomState } from './RandomState';

describe('RandomState', () => {
  test('interval(max) stays within [0, max] and covers it', () => {
    const rng = new RandomState(1);
    for (const max of [0, 1, 5, 6, 255, 1000]) {
      const seen = new Set<number>();
      for (let i = 0; i < 4000; i++) {
        const v = rng.interval(max);
        expect(v).toBeGreaterThanOrEqual(0);
        expect(v).toBeLessThanOrEqual(max);
        seen.add(v);
      }
      if (max <= 6) expect(seen.size).toBe(max + 1);
    }
  });

  test('randomSample is in [0, 1) with mean near 1/2', () => {
    const rng = new RandomState(2);
    let s = 0;
    for (let i = 0; i < 10000; i++) {
      const v = rng.randomSample();
      expect(v >= 0 && v < 1).toBe(true);
      s += v;
    }
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
