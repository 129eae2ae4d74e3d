import { expect, test } from 'vitest';
import { expectError } from '../test/fromTorch';
import { sample } from './sample';

test('sample(schedule, n) evaluates steps 0 .. n - 1 in order', () => {
  const seen: number[] = [];
  const values = sample((t) => {
    seen.push(t);
    return t * t;
  }, 4);
  expect(values).toEqual([0, 1, 4, 9]);
  expect(seen).toEqual([0, 1, 2, 3]);
  expect(sample(() => 1, 0)).toEqual([]);
});

test.each([
  ['steps -1', () => sample(() => 1, -1), RangeError, /^sample: steps must be an integer >= 0, got -1$/],
  ['steps 2.5', () => sample(() => 1, 2.5), RangeError, /^sample: steps must be an integer >= 0, got 2.5$/],
  [
    'a non-function',
    () => sample(0.1 as never, 3),
    TypeError,
    /^sample: schedule must be a function \(a Schedule\), got 0.1$/,
  ],
])('sample rejects %s', (_, thunk, type, message) => expectError(thunk, type, message));
