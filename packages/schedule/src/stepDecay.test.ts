import { describe, expect, test } from 'vitest';
import { expectAt, expectError, fixture, oracleTests } from '../test/fromTorch';
import { stepDecay } from './stepDecay';

describe('stepDecay (oracle: torch StepLR)', () => oracleTests('StepLR'));

test('stepDecay switches AT each multiple of stepSize, like PyTorch (boundaries of the first fixture)', () => {
  const c = fixture('StepLR')[0]!; // StepLR(step_size=30, gamma=0.1), lr 0.1, 200 steps
  const lr = stepDecay({ initial: c.lr, stepSize: 30, gamma: 0.1 });
  expectAt(lr, c, [0, 29, 30, 59, 60, 199]);
  expect(lr(29)).toBe(lr(0));
  expect(lr(30)).toBeLessThan(lr(29));
});

test('stepDecay defaults to initial 1 (the factor) and gamma 0.1', () => {
  const f = stepDecay({ stepSize: 10 });
  const c = fixture('StepLR')[3]!; // StepLR(step_size=10) with the default gamma, lr 0.3
  expect(f(0)).toBe(1);
  expectAt((t) => 0.3 * f(t), c, [0, 9, 10, 50, 99]);
});

test('stepDecay accepts fractional steps (floor of t / stepSize)', () => {
  const lr = stepDecay({ initial: 1, stepSize: 2, gamma: 0.5 });
  expect(lr(1.999)).toBe(lr(1));
  expect(lr(2.5)).toBe(lr(2));
});

test.each([
  [
    'stepSize missing',
    () => stepDecay({} as never),
    TypeError,
    /^stepDecay: stepSize must be a finite number, got undefined$/,
  ],
  [
    'stepSize 0',
    () => stepDecay({ stepSize: 0 }),
    RangeError,
    /^stepDecay: stepSize must be an integer >= 1, got 0$/,
  ],
  [
    'stepSize 1.5',
    () => stepDecay({ stepSize: 1.5 }),
    RangeError,
    /stepSize must be an integer >= 1, got 1.5/,
  ],
  [
    'gamma NaN',
    () => stepDecay({ stepSize: 1, gamma: Number.NaN }),
    TypeError,
    /^stepDecay: gamma must be a finite number, got NaN$/,
  ],
  [
    'initial Infinity',
    () => stepDecay({ stepSize: 1, initial: Number.POSITIVE_INFINITY }),
    TypeError,
    /initial must be a finite number, got Infinity/,
  ],
  [
    'negative step',
    () => stepDecay({ stepSize: 1 })(-1),
    RangeError,
    /^stepDecay: step must be a finite number >= 0, got -1$/,
  ],
  [
    'NaN step',
    () => stepDecay({ stepSize: 1 })(Number.NaN),
    RangeError,
    /step must be a finite number >= 0, got NaN/,
  ],
  ['infinite step', () => stepDecay({ stepSize: 1 })(Number.POSITIVE_INFINITY), RangeError, /got Infinity/],
])('stepDecay rejects %s', (_, thunk, type, message) => expectError(thunk, type, message));
