import { readFileSync } from 'node:fs';
import { expect, test } from 'vitest';
import { expectError } from '../test/fromTorch';
import { radamWarmup } from './radamWarmup';

interface RadamConfig {
  beta2: number;
  t: number[];
  update: number[];
}
const configs: RadamConfig[] = JSON.parse(
  readFileSync(new URL('../fixtures/RAdam.json', import.meta.url), 'utf8'),
).configs;

// Oracle: real torch.optim.RAdam updates with gradient 1, lr 1, eps 0 are the rectification term r(t) once
// RAdam rectifies (rho(t) > 5), and exactly 1 before. Our warmup's step 0 is the first t with rho(t) > 4, one
// step before RAdam's own rectification starts, so r(t) = radamWarmup(1)(t - (first rectified t - 1)).
test.each(configs.map((c) => [c.beta2, c] as const))(
  'radamWarmup(beta2 = %s) equals the rectification term of torch.optim.RAdam (1.13) over 300 steps',
  (beta2, c) => {
    const w = radamWarmup(1, beta2);
    const first = c.t[c.update.findIndex((u) => u < 1 - 1e-9)]!;
    const offset = first - 1;
    expect(w(0)).toBeLessThan(w(1));
    let compared = 0;
    c.t.forEach((t, i) => {
      if (t < first) return;
      compared++;
      // 1e-11: the updates also carry float64 rounding of Adam's moments (about t ulps).
      expect(Math.abs(w(t - offset) - c.update[i]!) / c.update[i]!, `t = ${t}`).toBeLessThanOrEqual(1e-11);
    });
    expect(compared).toBeGreaterThanOrEqual(290);
  },
);

test('radamWarmup multiplies the inner schedule and tends to it', () => {
  const inner = (t: number) => 0.01 * (1 + t);
  const w = radamWarmup(inner, 0.99);
  const f = radamWarmup(1, 0.99);
  expect(w(10)).toBe(inner(10) * f(10));
  expect(f(5000)).toBeGreaterThan(0.999);
  expect(f(5000)).toBeLessThanOrEqual(1);
});

test.each([
  [
    'beta2 0.5 (<= 0.6)',
    () => radamWarmup(1, 0.5),
    RangeError,
    /^radamWarmup: beta2 must be in \(0.6, 1\), got 0.5$/,
  ],
  ['beta2 1', () => radamWarmup(1, 1), RangeError, /beta2 must be in \(0.6, 1\), got 1/],
  [
    'a non-function schedule',
    () => radamWarmup('a' as never),
    TypeError,
    /^radamWarmup: schedule must be a function \(a Schedule\), got "a"$/,
  ],
  [
    'a negative step',
    () => radamWarmup(1)(-1),
    RangeError,
    /^radamWarmup: step must be a finite number >= 0, got -1$/,
  ],
])('radamWarmup rejects %s', (_, thunk, type, message) => expectError(thunk, type, message));
