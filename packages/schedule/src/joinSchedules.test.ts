import { describe, expect, test } from 'vitest';
import { expectAt, expectError, fixture, oracleTests } from '../test/fromTorch';
import { cosineAnnealing } from './cosineAnnealing';
import { joinSchedules } from './joinSchedules';
import { linearFactor } from './linearFactor';

describe('joinSchedules (oracle: torch SequentialLR)', () => oracleTests('SequentialLR'));

test('joinSchedules hands off exactly at the milestone: the next schedule starts at its own step 0', () => {
  const c = fixture('SequentialLR')[0]!; // LinearLR(0.1, 5 iters) then CosineAnnealingLR(T_max 95) at 5, lr 0.1
  const warm = linearFactor({ initial: 0.1, startFactor: 0.1, totalIters: 5 });
  const cos = cosineAnnealing({ initial: 0.1, tMax: 95 });
  const lr = joinSchedules([warm, cos], [5]);
  expectAt(lr, c, [0, 4, 5, 6, 99]);
  expect(lr(4)).toBe(warm(4));
  expect(lr(5)).toBe(cos(0));
  expect(lr(99)).toBe(cos(94));
});

test('joinSchedules with three parts and constant parts', () => {
  const lr = joinSchedules([0, (t) => t, 7], [2, 5]);
  expect([0, 1, 2, 3, 4, 5, 9].map(lr)).toEqual([0, 0, 0, 1, 2, 7, 7]);
});

test.each([
  [
    'no schedules',
    () => joinSchedules([], []),
    TypeError,
    /^joinSchedules: schedules must be a non-empty array of schedules, got \[\]$/,
  ],
  [
    'too few boundaries',
    () => joinSchedules([1, 2], []),
    RangeError,
    /^joinSchedules: boundaries must be an array of 1 step\(s\) \(one fewer than the schedules\), got \[\]$/,
  ],
  [
    'unsorted boundaries',
    () => joinSchedules([1, 2, 3], [5, 2]),
    RangeError,
    /^joinSchedules: boundaries must be integers >= 0 in increasing order, got \[5, 2\]$/,
  ],
  [
    'repeated boundaries',
    () => joinSchedules([1, 2, 3], [2, 2]),
    RangeError,
    /in increasing order, got \[2, 2\]/,
  ],
  ['a fractional boundary', () => joinSchedules([1, 2], [1.5]), RangeError, /got \[1.5\]/],
  [
    'a schedule that is not a function',
    () => joinSchedules([1, 'x' as never], [1]),
    TypeError,
    /^joinSchedules: schedules\[1\] must be a function \(a Schedule\), got "x"$/,
  ],
  [
    'a negative step',
    () => joinSchedules([1], [])(-1),
    RangeError,
    /^joinSchedules: step must be a finite number >= 0, got -1$/,
  ],
])('joinSchedules rejects %s', (_, thunk, type, message) => expectError(thunk, type, message));
