import { describe, expect, test } from 'vitest';
import { expectAt, expectError, fixture, oracleTests } from '../test/fromTorch';
import { constantFactor } from './constantFactor';
import { exponentialDecay } from './exponentialDecay';
import { multiplySchedules } from './multiplySchedules';

describe('multiplySchedules (oracle: torch ChainedScheduler)', () => oracleTests('ChainedScheduler'));

test('multiplySchedules: the factor ends exactly where ConstantLR ends (boundaries)', () => {
  const c = fixture('ChainedScheduler')[0]!; // ConstantLR(0.5, 5) × ExponentialLR(0.95), lr 0.1
  const e = exponentialDecay({ initial: 0.1, gamma: 0.95 });
  const lr = multiplySchedules(constantFactor({ factor: 0.5, totalIters: 5 }), e);
  expectAt(lr, c, [0, 4, 5, 99]);
  expect(lr(4)).toBe(0.5 * e(4));
  expect(lr(5)).toBe(e(5));
});

test('multiplySchedules accepts numbers as constant factors', () => {
  expect(multiplySchedules(2, (t) => t)(3)).toBe(6);
});

test.each([
  [
    'no schedules',
    () => multiplySchedules(),
    TypeError,
    /^multiplySchedules: schedules must not be empty, got \[\]$/,
  ],
  [
    'a non-function',
    () => multiplySchedules(null as never),
    TypeError,
    /^multiplySchedules: schedules\[0\] must be a function \(a Schedule\), got null$/,
  ],
  [
    'a negative step',
    () => multiplySchedules(1)(-3),
    RangeError,
    /^multiplySchedules: step must be a finite number >= 0, got -3$/,
  ],
])('multiplySchedules rejects %s', (_, thunk, type, message) => expectError(thunk, type, message));
