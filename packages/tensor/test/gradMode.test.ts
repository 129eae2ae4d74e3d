import { expect, test } from 'vitest';
import { isGradEnabled, mul, noGrad, tensor } from '../src/index';

// The packed-package checks (tests/packages/packages.test.ts) load the real ESM and CJS builds side by side; this
// test pins the shared record they meet at.
const KEY = Symbol.for('@dl/tensor.gradMode.v1');
const record = () => (globalThis as Record<symbol, { enabled: boolean } | undefined>)[KEY];

test('the grad mode is one record on globalThis under Symbol.for, flipped by noGrad and restored after', () => {
  expect(isGradEnabled()).toBe(true);
  expect(record()).toEqual({ enabled: true });
  noGrad(() => {
    expect(record()!.enabled).toBe(false);
  });
  expect(record()!.enabled).toBe(true);
  expect(() =>
    noGrad(() => {
      throw new Error('boom');
    }),
  ).toThrow('boom');
  expect(record()!.enabled).toBe(true);
});

test('another copy of @dl/tensor switching the shared record off stops this copy from recording', () => {
  const w = tensor([1, 2], { requiresGrad: true });
  record()!.enabled = false; // what noGrad of the other copy does
  try {
    expect(isGradEnabled()).toBe(false);
    expect(mul(w, 2).requiresGrad).toBe(false);
  } finally {
    record()!.enabled = true;
  }
  expect(mul(w, 2).requiresGrad).toBe(true);
});
