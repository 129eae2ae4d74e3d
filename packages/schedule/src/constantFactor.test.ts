import { describe, expect, test } from 'vitest';
import { expectAt, expectError, fixture, oracleTests } from '../test/fromTorch';
import { constantFactor } from './constantFactor';

describe('constantFactor (oracle: torch ConstantLR)', () => oracleTests('ConstantLR'));

test('constantFactor switches back to initial exactly at totalIters', () => {
  const c = fixture('ConstantLR')[1]!; // factor 0.5, total 10, lr 1
  const lr = constantFactor({ initial: 1, factor: 0.5, totalIters: 10 });
  expectAt(lr, c, [0, 9, 10, 99]);
  expect(lr(9)).toBe(0.5);
  expect(lr(10)).toBe(1);
});

test.each([
  [
    'factor 0',
    () => constantFactor({ factor: 0 }),
    RangeError,
    /^constantFactor: factor must be in \(0, 1\], got 0$/,
  ],
  ['factor 2', () => constantFactor({ factor: 2 }), RangeError, /factor must be in \(0, 1\], got 2/],
  [
    'totalIters -1',
    () => constantFactor({ totalIters: -1 }),
    RangeError,
    /^constantFactor: totalIters must be an integer >= 0, got -1$/,
  ],
  [
    'initial NaN',
    () => constantFactor({ initial: Number.NaN }),
    TypeError,
    /initial must be a finite number/,
  ],
  [
    'negative step',
    () => constantFactor()(-1),
    RangeError,
    /^constantFactor: step must be a finite number >= 0, got -1$/,
  ],
])('constantFactor rejects %s', (_, thunk, type, message) => expectError(thunk, type, message));
