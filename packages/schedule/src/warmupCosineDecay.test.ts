import { expect, test } from 'vitest';
import { expectError } from '../test/fromTorch';
import { warmupCosineDecay } from './warmupCosineDecay';
import { warmupThenCosineDecay } from './warmupThenCosineDecay';

// Not oracle tests (optax and Keras are not installed): they check the two documented conventions.

test('warmupCosineDecay (optax): the warmup is INSIDE totalSteps, the value reaches final at totalSteps', () => {
  const lr = warmupCosineDecay({ initial: 0.01, peak: 1, warmupSteps: 10, totalSteps: 110, final: 0.1 });
  expect(lr(0)).toBeCloseTo(0.01, 15);
  expect(lr(10)).toBe(1);
  expect(lr(9)).toBeLessThan(1);
  expect(lr(60)).toBeCloseTo(0.55, 14);
  expect(lr(110)).toBeCloseTo(0.1, 15);
  expect(lr(500)).toBeCloseTo(0.1, 15);
});

test('warmupThenCosineDecay (Keras): the warmup is ON TOP of decaySteps, the run lasts warmupSteps + decaySteps', () => {
  const lr = warmupThenCosineDecay({ initial: 0.01, peak: 1, warmupSteps: 10, decaySteps: 110, alpha: 0.1 });
  expect(lr(0)).toBe(0.01);
  expect(lr(10)).toBe(1);
  expect(lr(65)).toBeCloseTo(0.55, 14);
  expect(lr(120)).toBeCloseTo(0.1, 15);
  expect(lr(110)).toBeGreaterThan(0.1);
});

test('the two conventions differ for the same numbers: optax ends at 100, Keras at 110', () => {
  const optax = warmupCosineDecay({ peak: 1, warmupSteps: 10, totalSteps: 100 });
  const keras = warmupThenCosineDecay({ peak: 1, warmupSteps: 10, decaySteps: 100 });
  expect(optax(100)).toBe(0);
  expect(keras(100)).toBeGreaterThan(0);
  expect(keras(110)).toBe(0);
  expect(optax(5)).toBe(keras(5));
});

test('warmupCosineDecay exponent sharpens the cosine', () => {
  const a = warmupCosineDecay({ peak: 1, warmupSteps: 0, totalSteps: 10 });
  const b = warmupCosineDecay({ peak: 1, warmupSteps: 0, totalSteps: 10, exponent: 2 });
  expect(b(5)).toBeCloseTo(a(5) ** 2, 15);
});

test.each([
  [
    'peak missing',
    () => warmupCosineDecay({ warmupSteps: 1, totalSteps: 2 } as never),
    TypeError,
    /^warmupCosineDecay: peak must be a finite number, got undefined$/,
  ],
  [
    'totalSteps <= warmupSteps',
    () => warmupCosineDecay({ peak: 1, warmupSteps: 10, totalSteps: 10 }),
    RangeError,
    /^warmupCosineDecay: totalSteps must be an integer >= 11, got 10$/,
  ],
  [
    'warmupSteps -1',
    () => warmupCosineDecay({ peak: 1, warmupSteps: -1, totalSteps: 10 }),
    RangeError,
    /^warmupCosineDecay: warmupSteps must be an integer >= 0, got -1$/,
  ],
  [
    'exponent 0',
    () => warmupCosineDecay({ peak: 1, warmupSteps: 1, totalSteps: 10, exponent: 0 }),
    RangeError,
    /^warmupCosineDecay: exponent must be > 0, got 0$/,
  ],
  [
    'final NaN',
    () => warmupCosineDecay({ peak: 1, warmupSteps: 1, totalSteps: 10, final: Number.NaN }),
    TypeError,
    /final must be a finite number/,
  ],
  [
    'initial NaN',
    () => warmupCosineDecay({ peak: 1, warmupSteps: 1, totalSteps: 10, initial: Number.NaN }),
    TypeError,
    /initial must be a finite number/,
  ],
  [
    'negative step',
    () => warmupCosineDecay({ peak: 1, warmupSteps: 1, totalSteps: 10 })(-1),
    RangeError,
    /^warmupCosineDecay: step must be a finite number >= 0, got -1$/,
  ],
  [
    'Keras: decaySteps 0',
    () => warmupThenCosineDecay({ peak: 1, warmupSteps: 1, decaySteps: 0 }),
    RangeError,
    /^warmupThenCosineDecay: decaySteps must be an integer >= 1, got 0$/,
  ],
  [
    'Keras: peak missing',
    () => warmupThenCosineDecay({ warmupSteps: 1, decaySteps: 3 } as never),
    TypeError,
    /^warmupThenCosineDecay: peak must be a finite number, got undefined$/,
  ],
  [
    'Keras: warmupSteps 0.5',
    () => warmupThenCosineDecay({ peak: 1, warmupSteps: 0.5, decaySteps: 3 }),
    RangeError,
    /warmupSteps must be an integer >= 0, got 0.5/,
  ],
  [
    'Keras: alpha NaN',
    () => warmupThenCosineDecay({ peak: 1, warmupSteps: 1, decaySteps: 3, alpha: Number.NaN }),
    TypeError,
    /alpha must be a finite number/,
  ],
  [
    'Keras: initial NaN',
    () => warmupThenCosineDecay({ peak: 1, warmupSteps: 1, decaySteps: 3, initial: Number.NaN }),
    TypeError,
    /initial must be a finite number/,
  ],
  [
    'Keras: negative step',
    () => warmupThenCosineDecay({ peak: 1, warmupSteps: 1, decaySteps: 3 })(-1),
    RangeError,
    /^warmupThenCosineDecay: step must be a finite number >= 0, got -1$/,
  ],
])('warmup + cosine rejects %s', (_, thunk, type, message) => expectError(thunk, type, message));
