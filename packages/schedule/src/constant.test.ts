import { expect, test } from 'vitest';
import { constant } from './constant';

test('constant(v) returns v at every step', () => {
  const s = constant(0.25);
  expect([0, 1, 100].map(s)).toEqual([0.25, 0.25, 0.25]);
});
