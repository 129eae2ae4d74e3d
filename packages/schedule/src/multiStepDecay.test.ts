import { describe, expect, test } from 'vitest';
import { expectAt, expectError, fixture, oracleTests } from '../test/fromTorch';
import { multiStepDecay } from './multiStepDecay';

describe('multiStepDecay (oracle: torch MultiStepLR)', () => oracleTests('MultiStepLR'));

test('multiStepDecay switches AT each milestone (step 0, milestones, last step)', () => {
  const c = fixture('MultiStepLR')[0]!; // milestones [30, 80], gamma 0.1, lr 0.1, 120 steps
  const lr = multiStepDecay({ initial: c.lr, milestones: [30, 80], gamma: 0.1 });
  expectAt(lr, c, [0, 29, 30, 79, 80, 119]);
  expect(lr(30)).toBeLessThan(lr(29));
});

test('multiStepDecay decays twice at a milestone listed twice, as PyTorch does', () => {
  const c = fixture('MultiStepLR')[1]!; // milestones [10, 10, 50], gamma 0.5, lr 1
  const lr = multiStepDecay({ initial: 1, milestones: [10, 10, 50], gamma: 0.5 });
  expectAt(lr, c, [9, 10, 49, 50, 99]);
  expect(lr(10) / lr(9)).toBe(0.25);
});

test('multiStepDecay copies the milestones (later mutation of the array has no effect)', () => {
  const ms = [2, 4];
  const lr = multiStepDecay({ milestones: ms, gamma: 0.5 });
  ms[0] = 100;
  expect(lr(3)).toBe(0.5);
});

test.each([
  [
    'milestones missing',
    () => multiStepDecay({} as never),
    TypeError,
    /^multiStepDecay: milestones must be an array of integers, got undefined$/,
  ],
  [
    'unsorted milestones',
    () => multiStepDecay({ milestones: [30, 10] }),
    RangeError,
    /^multiStepDecay: milestones must be sorted in non-decreasing order, got \[30, 10\]$/,
  ],
  [
    'negative milestone',
    () => multiStepDecay({ milestones: [-1] }),
    RangeError,
    /milestones must hold integers >= 0, got \[-1\]/,
  ],
  [
    'fractional milestone',
    () => multiStepDecay({ milestones: [1.5] }),
    RangeError,
    /milestones must hold integers >= 0, got \[1.5\]/,
  ],
  [
    'gamma not finite',
    () => multiStepDecay({ milestones: [1], gamma: Number.NaN }),
    TypeError,
    /gamma must be a finite number, got NaN/,
  ],
  [
    'initial not finite',
    () => multiStepDecay({ milestones: [1], initial: Number.NaN }),
    TypeError,
    /initial must be a finite number, got NaN/,
  ],
  [
    'negative step',
    () => multiStepDecay({ milestones: [1] })(-2),
    RangeError,
    /^multiStepDecay: step must be a finite number >= 0, got -2$/,
  ],
])('multiStepDecay rejects %s', (_, thunk, type, message) => expectError(thunk, type, message));
