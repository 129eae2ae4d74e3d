import { describe, expect, test } from 'vitest';
import { expectAt, expectError, fixture, oracleTests } from '../test/fromTorch';
import { linearFactor } from './linearFactor';

describe('linearFactor (oracle: torch LinearLR)', () => oracleTests('LinearLR'));

test('linearFactor: step 0 is startFactor × initial, totalIters and after is endFactor × initial', () => {
  const c = fixture('LinearLR')[1]!; // start 0.1, end 1, total 20, lr 0.5
  const lr = linearFactor({ initial: 0.5, startFactor: 0.1, endFactor: 1, totalIters: 20 });
  expectAt(lr, c, [0, 19, 20, 99]);
  expect(lr(20)).toBe(lr(99));
});

test("linearFactor defaults are PyTorch's (1/3 → 1 over 5 steps)", () => {
  expectAt(linearFactor({ initial: 0.1 }), fixture('LinearLR')[0]!, [0, 4, 5]);
});

test.each([
  [
    'startFactor 0',
    () => linearFactor({ startFactor: 0 }),
    RangeError,
    /^linearFactor: startFactor must be in \(0, 1\], got 0$/,
  ],
  [
    'startFactor 1.5',
    () => linearFactor({ startFactor: 1.5 }),
    RangeError,
    /startFactor must be in \(0, 1\], got 1.5/,
  ],
  [
    'endFactor -0.1',
    () => linearFactor({ endFactor: -0.1 }),
    RangeError,
    /^linearFactor: endFactor must be in \[0, 1\], got -0.1$/,
  ],
  [
    'endFactor NaN',
    () => linearFactor({ endFactor: Number.NaN }),
    TypeError,
    /endFactor must be a finite number, got NaN/,
  ],
  [
    'totalIters 0',
    () => linearFactor({ totalIters: 0 }),
    RangeError,
    /^linearFactor: totalIters must be an integer >= 1, got 0$/,
  ],
  ['initial NaN', () => linearFactor({ initial: Number.NaN }), TypeError, /initial must be a finite number/],
  [
    'negative step',
    () => linearFactor()(-1),
    RangeError,
    /^linearFactor: step must be a finite number >= 0, got -1$/,
  ],
])('linearFactor rejects %s', (_, thunk, type, message) => expectError(thunk, type, message));
