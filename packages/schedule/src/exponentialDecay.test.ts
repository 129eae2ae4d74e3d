import { describe, expect, test } from 'vitest';
import { expectAt, expectError, fixture, oracleTests } from '../test/fromTorch';
import { exponentialDecay } from './exponentialDecay';

describe('exponentialDecay (oracle: torch ExponentialLR)', () => oracleTests('ExponentialLR'));

test('exponentialDecay starts at initial and decays every step (step 0, 1, last)', () => {
  const c = fixture('ExponentialLR')[0]!; // gamma 0.95, lr 0.1, 150 steps
  const lr = exponentialDecay({ initial: c.lr, gamma: 0.95 });
  expect(lr(0)).toBe(c.lr);
  expectAt(lr, c, [0, 1, 149]);
});

test.each([
  [
    'gamma missing',
    () => exponentialDecay({} as never),
    TypeError,
    /^exponentialDecay: gamma must be a finite number, got undefined$/,
  ],
  [
    'initial not finite',
    () => exponentialDecay({ gamma: 0.9, initial: Number.NaN }),
    TypeError,
    /initial must be a finite number, got NaN/,
  ],
  [
    'negative step',
    () => exponentialDecay({ gamma: 0.9 })(-0.5),
    RangeError,
    /^exponentialDecay: step must be a finite number >= 0, got -0.5$/,
  ],
])('exponentialDecay rejects %s', (_, thunk, type, message) => expectError(thunk, type, message));
