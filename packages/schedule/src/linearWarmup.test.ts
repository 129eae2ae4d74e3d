import { expect, test } from 'vitest';
import { expectError } from '../test/fromTorch';
import { cosineAnnealing } from './cosineAnnealing';
import { exponentialWarmup } from './exponentialWarmup';
import { linearWarmup } from './linearWarmup';
import { untunedExponentialWarmup } from './untunedExponentialWarmup';
import { untunedLinearWarmup } from './untunedLinearWarmup';

// NOT oracle tests: pytorch_warmup is not installed here. They check its documented semantics, in our words:
// the factor multiplies whatever the inner schedule gives at the same step; linear min(1, (t + 1) / tau),
// exponential 1 - exp(-(t + 1) / tau); untuned tau = floor(2 / (1 - beta2)) linear, floor(1 / (1 - beta2)) exponential.

test('linearWarmup: step 0 gets 1/tau of the inner value, the hand-off at tau - 1 is exact, the inner schedule is not shifted', () => {
  const inner = cosineAnnealing({ initial: 0.1, tMax: 100, mode: 'clamped' });
  const lr = linearWarmup(inner, 10);
  expect(lr(0)).toBe(inner(0) * (1 / 10));
  expect(lr(8)).toBe(inner(8) * (9 / 10));
  expect(lr(9)).toBe(inner(9));
  expect(lr(10)).toBe(inner(10));
  expect(lr(50)).toBe(inner(50));
});

test('exponentialWarmup: factor 1 - exp(-(t + 1)/tau), never reaching 1 in finite steps', () => {
  const lr = exponentialWarmup(2, 5);
  expect(lr(0)).toBe(2 * (1 - Math.exp(-1 / 5)));
  expect(lr(4)).toBe(2 * (1 - Math.exp(-1)));
  expect(lr(100)).toBeLessThan(2);
  expect(lr(100)).toBeGreaterThan(2 * 0.999);
});

test('untuned warmups derive tau from beta2 as pytorch_warmup does (int() of a float: 1999 and 999 for 0.999)', () => {
  const lin = untunedLinearWarmup(1);
  expect(lin(1997)).toBeLessThan(1);
  expect(lin(1998)).toBe(1);
  expect(lin(0)).toBe(1 / 1999);
  const exp = untunedExponentialWarmup(1);
  expect(exp(0)).toBe(1 - Math.exp(-1 / 999));
  expect(untunedLinearWarmup(1, 0.99)(0)).toBe(1 / 199);
  // 1 / (1 - 0.9) is 10.000000000000002 in floating point, so tau = 10.
  expect(untunedExponentialWarmup(3, 0.9)(0)).toBe(3 * (1 - Math.exp(-1 / 10)));
});

test.each([
  [
    'linearWarmup warmupPeriod 0',
    () => linearWarmup(1, 0),
    RangeError,
    /^linearWarmup: warmupPeriod must be > 0, got 0$/,
  ],
  [
    'linearWarmup warmupPeriod NaN',
    () => linearWarmup(1, Number.NaN),
    TypeError,
    /^linearWarmup: warmupPeriod must be a finite number, got NaN$/,
  ],
  [
    'linearWarmup non-function schedule',
    () => linearWarmup({} as never, 3),
    TypeError,
    /^linearWarmup: schedule must be a function \(a Schedule\), got an object$/,
  ],
  [
    'linearWarmup negative step',
    () => linearWarmup(1, 3)(-1),
    RangeError,
    /^linearWarmup: step must be a finite number >= 0, got -1$/,
  ],
  [
    'exponentialWarmup warmupPeriod -1',
    () => exponentialWarmup(1, -1),
    RangeError,
    /^exponentialWarmup: warmupPeriod must be > 0, got -1$/,
  ],
  [
    'exponentialWarmup NaN step',
    () => exponentialWarmup(1, 2)(Number.NaN),
    RangeError,
    /^exponentialWarmup: step must be a finite number >= 0, got NaN$/,
  ],
  [
    'untunedLinearWarmup beta2 1',
    () => untunedLinearWarmup(1, 1),
    RangeError,
    /^untunedLinearWarmup: beta2 must be in \(0, 1\), got 1$/,
  ],
  [
    'untunedExponentialWarmup beta2 0',
    () => untunedExponentialWarmup(1, 0),
    RangeError,
    /^untunedExponentialWarmup: beta2 must be in \(0, 1\), got 0$/,
  ],
  [
    'untunedLinearWarmup negative step',
    () => untunedLinearWarmup(1)(-1),
    RangeError,
    /^untunedLinearWarmup: step must be/,
  ],
  [
    'untunedExponentialWarmup negative step',
    () => untunedExponentialWarmup(1)(-1),
    RangeError,
    /^untunedExponentialWarmup: step must be/,
  ],
])('warmups reject %s', (_, thunk, type, message) => expectError(thunk, type, message));
