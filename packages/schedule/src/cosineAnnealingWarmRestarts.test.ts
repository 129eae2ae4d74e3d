import { describe, expect, test } from 'vitest';
import { expectAt, expectError, fixture, oracleTests } from '../test/fromTorch';
import { cosineAnnealingWarmRestarts } from './cosineAnnealingWarmRestarts';

describe('cosineAnnealingWarmRestarts (oracle: torch CosineAnnealingWarmRestarts, integer and fractional epochs)', () =>
  oracleTests('CosineAnnealingWarmRestarts'));

test('cosineAnnealingWarmRestarts restarts at t0, t0 + t0·tMult, … (boundaries)', () => {
  const c = fixture('CosineAnnealingWarmRestarts')[1]!; // T_0 5, T_mult 2, eta_min 1e-3, lr 1, 160 steps
  const lr = cosineAnnealingWarmRestarts({ initial: 1, t0: 5, tMult: 2, etaMin: 1e-3 });
  expectAt(lr, c, [0, 4, 5, 14, 15, 34, 35, 74, 75, 159]);
  expect(lr(5)).toBe(1);
  expect(lr(15)).toBe(1);
  expect(lr(35)).toBe(1);
});

test('cosineAnnealingWarmRestarts with tMult 1 has period t0', () => {
  const c = fixture('CosineAnnealingWarmRestarts')[0]!; // T_0 10, lr 0.1, 100 steps
  const lr = cosineAnnealingWarmRestarts({ initial: 0.1, t0: 10 });
  expectAt(lr, c, [0, 9, 10, 99]);
  expect(lr(37)).toBe(lr(7));
});

test('cosineAnnealingWarmRestarts takes fractional steps (PyTorch step(epoch + i / iters))', () => {
  const c = fixture('CosineAnnealingWarmRestarts')[3]!; // T_0 10, T_mult 2, 7 iterations per epoch
  expect(c.at!.some((x) => !Number.isInteger(x))).toBe(true);
  const lr = cosineAnnealingWarmRestarts({ initial: 0.1, t0: 10, tMult: 2 });
  const restart = c.at!.indexOf(10);
  expectAt(lr, c, [1, restart - 1, restart, c.at!.length - 1]);
});

test.each([
  [
    't0 missing',
    () => cosineAnnealingWarmRestarts({} as never),
    TypeError,
    /^cosineAnnealingWarmRestarts: t0 must be a finite number, got undefined$/,
  ],
  [
    't0 0',
    () => cosineAnnealingWarmRestarts({ t0: 0 }),
    RangeError,
    /^cosineAnnealingWarmRestarts: t0 must be an integer >= 1, got 0$/,
  ],
  [
    't0 2.5',
    () => cosineAnnealingWarmRestarts({ t0: 2.5 }),
    RangeError,
    /t0 must be an integer >= 1, got 2.5/,
  ],
  [
    'tMult 0.5 (< 1)',
    () => cosineAnnealingWarmRestarts({ t0: 2, tMult: 0.5 }),
    RangeError,
    /^cosineAnnealingWarmRestarts: tMult must be an integer >= 1, got 0.5$/,
  ],
  [
    'tMult 1.5 (not an integer)',
    () => cosineAnnealingWarmRestarts({ t0: 2, tMult: 1.5 }),
    RangeError,
    /tMult must be an integer >= 1, got 1.5/,
  ],
  [
    'etaMin NaN',
    () => cosineAnnealingWarmRestarts({ t0: 2, etaMin: Number.NaN }),
    TypeError,
    /etaMin must be a finite number/,
  ],
  [
    'initial NaN',
    () => cosineAnnealingWarmRestarts({ t0: 2, initial: Number.NaN }),
    TypeError,
    /initial must be a finite number/,
  ],
  [
    'negative step',
    () => cosineAnnealingWarmRestarts({ t0: 2 })(-0.1),
    RangeError,
    /^cosineAnnealingWarmRestarts: step must be a finite number >= 0, got -0.1$/,
  ],
  ['NaN step', () => cosineAnnealingWarmRestarts({ t0: 2, tMult: 2 })(Number.NaN), RangeError, /got NaN/],
])('cosineAnnealingWarmRestarts rejects %s', (_, thunk, type, message) => expectError(thunk, type, message));
