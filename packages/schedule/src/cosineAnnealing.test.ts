import { describe, expect, test } from 'vitest';
import { expectAt, expectError, fixture, oracleTests } from '../test/fromTorch';
import { cosineAnnealing } from './cosineAnnealing';

describe("cosineAnnealing 'periodic' (oracle: torch CosineAnnealingLR stepped past T_max)", () =>
  oracleTests('CosineAnnealingLR'));

test("cosineAnnealing 'periodic' rises again after tMax like PyTorch (step 0, tMax, 2 tMax, last)", () => {
  const c = fixture('CosineAnnealingLR')[0]!; // T_max 50, lr 0.1, 200 steps
  const lr = cosineAnnealing({ initial: 0.1, tMax: 50 });
  expectAt(lr, c, [0, 49, 50, 51, 100, 150, 199]);
  expect(lr(75)).toBeGreaterThan(lr(50));
  expect(c.lrs[75]!).toBeGreaterThan(c.lrs[50]!);
});

test("cosineAnnealing 'periodic' reproduces PyTorch's recursion, not just the closed form", () => {
  const c = fixture('CosineAnnealingLR')[2]!; // T_max 100, eta_min 1e-4, lr 0.05, 400 steps
  const lr = cosineAnnealing({ initial: 0.05, tMax: 100, etaMin: 1e-4 });
  const clamped = cosineAnnealing({ initial: 0.05, tMax: 100, etaMin: 1e-4, mode: 'clamped' });
  const closed = (t: number) => 1e-4 + ((0.05 - 1e-4) * (1 + Math.cos((Math.PI * t) / 100))) / 2;
  // The recursion and the closed form differ by rounding; the periodic variant follows PyTorch's recursion, so
  // most of its values are bit-for-bit PyTorch's, far more than the closed form's.
  const exact = (f: (t: number) => number) => c.lrs.filter((v, t) => f(t) === v).length;
  expect(exact(lr)).toBeGreaterThan(c.lrs.length / 2);
  expect(exact(lr)).toBeGreaterThan(2 * exact(closed));
  expectAt(lr, c, [0, 100, 200, 399]);
  expect(clamped(250)).toBe(1e-4);
});

test('cosineAnnealing gives the same values in any call order (the recursion cache restarts when needed)', () => {
  const inOrder = cosineAnnealing({ initial: 1, tMax: 30, etaMin: 0.01 });
  const values = Array.from({ length: 150 }, (_, t) => inOrder(t));
  const shuffled = cosineAnnealing({ initial: 1, tMax: 30, etaMin: 0.01 });
  for (const t of [149, 3, 77, 76, 0, 120, 31]) expect(shuffled(t)).toBe(values[t]);
  const c = fixture('CosineAnnealingLR')[1]!; // the same configuration in PyTorch
  expectAt(shuffled, c, [149, 3, 77, 0]);
});

test("cosineAnnealing 'clamped' stays at etaMin after tMax (optax/Keras behaviour)", () => {
  const c = fixture('CosineAnnealingLR')[1]!; // T_max 30, eta_min 0.01, lr 1
  const lr = cosineAnnealing({ initial: 1, tMax: 30, etaMin: 0.01, mode: 'clamped' });
  expectAt(lr, c, [0, 15, 29], 1e-12);
  expect(lr(30)).toBe(0.01);
  expect(lr(31)).toBe(0.01);
  expect(lr(149)).toBe(0.01);
  expect(c.lrs[45]).toBeGreaterThan(0.01);
});

test("cosineAnnealing 'periodic' uses the closed form at fractional steps", () => {
  const lr = cosineAnnealing({ initial: 0.1, tMax: 10 });
  const clamped = cosineAnnealing({ initial: 0.1, tMax: 10, mode: 'clamped' });
  expect(lr(2.5)).toBe(clamped(2.5));
  expect(lr(2.5)).toBeLessThan(lr(2));
  expect(lr(2.5)).toBeGreaterThan(lr(3));
});

test.each([
  [
    'tMax missing',
    () => cosineAnnealing({} as never),
    TypeError,
    /^cosineAnnealing: tMax must be a finite number, got undefined$/,
  ],
  [
    'tMax 0',
    () => cosineAnnealing({ tMax: 0 }),
    RangeError,
    /^cosineAnnealing: tMax must be an integer >= 1, got 0$/,
  ],
  ['tMax 2.5', () => cosineAnnealing({ tMax: 2.5 }), RangeError, /tMax must be an integer >= 1, got 2.5/],
  [
    'unknown mode',
    () => cosineAnnealing({ tMax: 5, mode: 'wrap' as never }),
    RangeError,
    /^cosineAnnealing: mode must be one of "periodic", "clamped", got "wrap"$/,
  ],
  [
    'etaMin NaN',
    () => cosineAnnealing({ tMax: 5, etaMin: Number.NaN }),
    TypeError,
    /etaMin must be a finite number, got NaN/,
  ],
  [
    'initial NaN',
    () => cosineAnnealing({ tMax: 5, initial: Number.NaN }),
    TypeError,
    /initial must be a finite number, got NaN/,
  ],
  [
    'negative step',
    () => cosineAnnealing({ tMax: 5 })(-1),
    RangeError,
    /^cosineAnnealing: step must be a finite number >= 0, got -1$/,
  ],
  [
    'infinite step (clamped)',
    () => cosineAnnealing({ tMax: 5, mode: 'clamped' })(Number.POSITIVE_INFINITY),
    RangeError,
    /step must be a finite number >= 0, got Infinity/,
  ],
])('cosineAnnealing rejects %s', (_, thunk, type, message) => expectError(thunk, type, message));
