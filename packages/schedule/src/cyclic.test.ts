import { describe, expect, test } from 'vitest';
import { expectAt, expectError, fixture, oracleTests } from '../test/fromTorch';
import { cyclic } from './cyclic';
import { cyclicMomentum } from './cyclicMomentum';

describe('cyclic + cyclicMomentum (oracle: torch CyclicLR, all modes, momentum cycled)', () =>
  oracleTests('CyclicLR'));

test('cyclic: baseLr at step 0, maxLr at stepSizeUp, baseLr again at the cycle end (boundaries)', () => {
  const c = fixture('CyclicLR')[0]!; // triangular, base 0.001, max 0.01, up 10
  const lr = cyclic({ baseLr: 0.001, maxLr: 0.01, stepSizeUp: 10 });
  expectAt(lr, c, [0, 10, 20, 30, 99]);
  expect(lr(0)).toBe(0.001);
  expect(lr(10)).toBeCloseTo(0.01, 15);
});

test("cyclic 'triangular2' halves the amplitude each cycle; cyclicMomentum mirrors the value", () => {
  const c = fixture('CyclicLR')[1]!; // triangular2, base 0.01, max 0.1, up 5, down 15
  const o = { baseLr: 0.01, maxLr: 0.1, stepSizeUp: 5, stepSizeDown: 15, mode: 'triangular2' as const };
  const lr = cyclic(o);
  const m = cyclicMomentum(o);
  expectAt(lr, c, [0, 5, 20, 25, 45, 119]);
  expect((lr(25) - 0.01) / (lr(5) - 0.01)).toBeCloseTo(0.5, 12);
  expect(m(5)).toBeCloseTo(c.momentum![5]!, 15);
  expect(m(5)).toBe(0.8);
  expect(m(0)).toBe(0.9);
});

test('cyclic with a custom scaleFn and scaleMode', () => {
  const byCycle = cyclic({ baseLr: 0, maxLr: 1, stepSizeUp: 2, scaleFn: (c) => 1 / c });
  expect(byCycle(2)).toBe(1);
  expect(byCycle(6)).toBe(0.5);
  const byStep = cyclic({
    baseLr: 0,
    maxLr: 1,
    stepSizeUp: 2,
    scaleFn: (t) => 1 / (1 + t),
    scaleMode: 'iterations',
  });
  expect(byStep(2)).toBeCloseTo(1 / 3, 15);
});

test.each([
  [
    'baseLr missing',
    () => cyclic({ maxLr: 1 } as never),
    TypeError,
    /^cyclic: baseLr must be a finite number, got undefined$/,
  ],
  [
    'maxLr missing',
    () => cyclic({ baseLr: 1 } as never),
    TypeError,
    /^cyclic: maxLr must be a finite number, got undefined$/,
  ],
  [
    'stepSizeUp 0',
    () => cyclic({ baseLr: 0, maxLr: 1, stepSizeUp: 0 }),
    RangeError,
    /^cyclic: stepSizeUp must be > 0, got 0$/,
  ],
  [
    'stepSizeDown -1',
    () => cyclic({ baseLr: 0, maxLr: 1, stepSizeDown: -1 }),
    RangeError,
    /^cyclic: stepSizeDown must be > 0, got -1$/,
  ],
  [
    'unknown mode',
    () => cyclic({ baseLr: 0, maxLr: 1, mode: 'sine' as never }),
    RangeError,
    /^cyclic: mode must be one of "triangular", "triangular2", "exp_range", got "sine"$/,
  ],
  [
    'gamma NaN',
    () => cyclic({ baseLr: 0, maxLr: 1, gamma: Number.NaN }),
    TypeError,
    /gamma must be a finite number/,
  ],
  [
    'scaleFn not a function',
    () => cyclic({ baseLr: 0, maxLr: 1, scaleFn: 3 as never }),
    TypeError,
    /^cyclic: scaleFn must be a function \(a Schedule\), got 3$/,
  ],
  [
    'unknown scaleMode',
    () => cyclic({ baseLr: 0, maxLr: 1, scaleFn: () => 1, scaleMode: 'epoch' as never }),
    RangeError,
    /^cyclic: scaleMode must be one of "cycle", "iterations", got "epoch"$/,
  ],
  [
    'negative step',
    () => cyclic({ baseLr: 0, maxLr: 1 })(-1),
    RangeError,
    /^cyclic: step must be a finite number >= 0, got -1$/,
  ],
  [
    'baseMomentum NaN',
    () => cyclicMomentum({ baseLr: 0, maxLr: 1, baseMomentum: Number.NaN }),
    TypeError,
    /^cyclicMomentum: baseMomentum must be a finite number, got NaN$/,
  ],
  [
    'maxMomentum NaN',
    () => cyclicMomentum({ baseLr: 0, maxLr: 1, maxMomentum: Number.NaN }),
    TypeError,
    /^cyclicMomentum: maxMomentum must be a finite number, got NaN$/,
  ],
  [
    'negative step (momentum)',
    () => cyclicMomentum({ baseLr: 0, maxLr: 1 })(-1),
    RangeError,
    /^cyclicMomentum: step must be a finite number >= 0, got -1$/,
  ],
])('cyclic rejects %s', (_, thunk, type, message) => expectError(thunk, type, message));
