import { describe, expect, test } from 'vitest';
import { expectAt, expectError, fixture, oracleTests } from '../test/fromTorch';
import { polynomialDecay } from './polynomialDecay';

describe('polynomialDecay (oracle: torch PolynomialLR, present in 1.13)', () => oracleTests('PolynomialLR'));

test('polynomialDecay reaches exactly 0 at totalIters and stays there', () => {
  const c = fixture('PolynomialLR')[0]!; // total_iters 50, power 1, lr 0.1, 100 steps
  const lr = polynomialDecay({ initial: c.lr, totalIters: 50, power: 1 });
  expectAt(lr, c, [0, 1, 49]);
  expect(c.lrs[50]).toBe(0);
  expect(lr(50)).toBe(0);
  expect(lr(99)).toBe(c.lrs[99]);
});

test('polynomialDecay defaults match PyTorch (totalIters 5, power 1)', () => {
  const c = fixture('PolynomialLR')[3]!; // PolynomialLR() lr 0.3
  expectAt(polynomialDecay({ initial: 0.3 }), c, [0, 1, 4, 5, 99]);
});

test.each([
  [
    'totalIters 0',
    () => polynomialDecay({ totalIters: 0 }),
    RangeError,
    /^polynomialDecay: totalIters must be an integer >= 1, got 0$/,
  ],
  [
    'power NaN',
    () => polynomialDecay({ power: Number.NaN }),
    TypeError,
    /^polynomialDecay: power must be a finite number, got NaN$/,
  ],
  [
    'initial NaN',
    () => polynomialDecay({ initial: Number.NaN }),
    TypeError,
    /initial must be a finite number, got NaN/,
  ],
  [
    'negative step',
    () => polynomialDecay()(-1),
    RangeError,
    /^polynomialDecay: step must be a finite number >= 0, got -1$/,
  ],
])('polynomialDecay rejects %s', (_, thunk, type, message) => expectError(thunk, type, message));
