import { expect, test } from 'vitest';
import { expectError } from '../test/fromTorch';
import { warmupStableDecay } from './warmupStableDecay';

// Not an oracle test (no PyTorch class): checks the phases against the documented definition.
const base = { initial: 1, warmupSteps: 10, stableSteps: 20, decaySteps: 16 };

test('warmupStableDecay: linear warmup from 0, exact plateau, decay ending at final', () => {
  const lr = warmupStableDecay({ ...base, final: 0.1 });
  expect(lr(0)).toBe(0);
  expect(lr(5)).toBe(0.5);
  expect(lr(10)).toBe(1);
  expect(lr(29)).toBe(1);
  expect(lr(30)).toBe(1);
  expect(lr(31)).toBeLessThan(1);
  expect(lr(46)).toBeCloseTo(0.1, 15);
  expect(lr(100)).toBeCloseTo(0.1, 15);
});

test("warmupStableDecay decay shapes at mid-decay: linear 1/2, cosine 1/2, '1-sqrt' 1 - sqrt(1/2)", () => {
  const mid = 30 + 8;
  expect(warmupStableDecay({ ...base, decay: 'linear' })(mid)).toBe(0.5);
  expect(warmupStableDecay({ ...base, decay: 'cosine' })(mid)).toBeCloseTo(0.5, 15);
  expect(warmupStableDecay({ ...base, decay: '1-sqrt' })(mid)).toBe(1 - Math.sqrt(0.5));
  // at a quarter of the decay, 1-sqrt has dropped most and cosine least
  const q = 30 + 4;
  const [lin, cos, sq] = (['linear', 'cosine', '1-sqrt'] as const).map((decay) =>
    warmupStableDecay({ ...base, decay })(q),
  );
  expect(cos!).toBeGreaterThan(lin!);
  expect(lin!).toBeGreaterThan(sq!);
});

test('warmupStableDecay with no warmup starts at initial', () => {
  expect(warmupStableDecay({ ...base, warmupSteps: 0 })(0)).toBe(1);
});

test.each([
  [
    'warmupSteps -1',
    () => warmupStableDecay({ ...base, warmupSteps: -1 }),
    RangeError,
    /^warmupStableDecay: warmupSteps must be an integer >= 0, got -1$/,
  ],
  [
    'stableSteps 1.5',
    () => warmupStableDecay({ ...base, stableSteps: 1.5 }),
    RangeError,
    /^warmupStableDecay: stableSteps must be an integer >= 0, got 1.5$/,
  ],
  [
    'decaySteps 0',
    () => warmupStableDecay({ ...base, decaySteps: 0 }),
    RangeError,
    /^warmupStableDecay: decaySteps must be an integer >= 1, got 0$/,
  ],
  [
    'unknown decay',
    () => warmupStableDecay({ ...base, decay: 'exp' as never }),
    RangeError,
    /^warmupStableDecay: decay must be one of "linear", "cosine", "1-sqrt", got "exp"$/,
  ],
  [
    'final NaN',
    () => warmupStableDecay({ ...base, final: Number.NaN }),
    TypeError,
    /^warmupStableDecay: final must be a finite number, got NaN$/,
  ],
  [
    'initial NaN',
    () => warmupStableDecay({ ...base, initial: Number.NaN }),
    TypeError,
    /initial must be a finite number/,
  ],
  [
    'negative step',
    () => warmupStableDecay(base)(-1),
    RangeError,
    /^warmupStableDecay: step must be a finite number >= 0, got -1$/,
  ],
])('warmupStableDecay rejects %s', (_, thunk, type, message) => expectError(thunk, type, message));
