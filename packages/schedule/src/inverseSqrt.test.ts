import { expect, test } from 'vitest';
import { expectError } from '../test/fromTorch';
import { inverseSqrt } from './inverseSqrt';

// Not an oracle test (the Transformer schedule has no PyTorch class): checks the paper's formula,
// lrate = d^-0.5 · min(s^-0.5, s · W^-1.5) with s = t + 1, against the documented reparametrisation.
test('inverseSqrt equals the Noam formula with initial = dModel^-0.5 · W^-0.5', () => {
  const dModel = 512;
  const W = 4000;
  const noam = (t: number) => dModel ** -0.5 * Math.min((t + 1) ** -0.5, (t + 1) * W ** -1.5);
  const lr = inverseSqrt({ initial: dModel ** -0.5 * W ** -0.5, warmupSteps: W });
  for (const t of [0, 1, 1000, 3998, 3999, 4000, 10_000, 100_000]) {
    expect(Math.abs(lr(t) - noam(t)) / noam(t), `step ${t}`).toBeLessThan(1e-12);
  }
});

test('inverseSqrt peaks at initial at step warmupSteps - 1 and halves at 4 × warmupSteps', () => {
  const lr = inverseSqrt({ initial: 2, warmupSteps: 10 });
  expect(lr(9)).toBe(2);
  expect(lr(8)).toBeLessThan(2);
  expect(lr(10)).toBeLessThan(2);
  expect(lr(39)).toBe(1);
});

test.each([
  [
    'warmupSteps 0',
    () => inverseSqrt({ warmupSteps: 0 }),
    RangeError,
    /^inverseSqrt: warmupSteps must be an integer >= 1, got 0$/,
  ],
  [
    'initial NaN',
    () => inverseSqrt({ initial: Number.NaN }),
    TypeError,
    /^inverseSqrt: initial must be a finite number, got NaN$/,
  ],
  [
    'negative step',
    () => inverseSqrt()(-1),
    RangeError,
    /^inverseSqrt: step must be a finite number >= 0, got -1$/,
  ],
])('inverseSqrt rejects %s', (_, thunk, type, message) => expectError(thunk, type, message));
