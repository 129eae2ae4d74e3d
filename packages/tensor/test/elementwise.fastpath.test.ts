/** The specialized arithmetic loops (kernels/unary.ts) agree exactly with the general broadcasting kernel. */
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { binaryKernel } from '../src/kernels/binary';
import { type ArithmeticKind, fastArithmetic } from '../src/kernels/unary';
import { Tensor } from '../src/tensor';
import { broadcastPair } from './arbitraries';

const FNS: Record<ArithmeticKind, (p: number, q: number) => number> = {
  add: (p, q) => p + q,
  sub: (p, q) => p - q,
  mul: (p, q) => p * q,
  div: (p, q) => p / q,
};

const make = (shape: readonly number[], seed: number, dtype: 'float32' | 'float64') => {
  const n = shape.reduce((a, b) => a * b, 1);
  const Arr = dtype === 'float32' ? Float32Array : Float64Array;
  return new Tensor(
    Arr.from(Array.from({ length: n }, (_, i) => Math.sin(seed + i * 1.3) * 3 + 0.1)),
    shape,
    dtype,
  );
};

describe('fastArithmetic', () => {
  for (const kind of ['add', 'sub', 'mul', 'div'] as const) {
    test(`${kind}: same result as binaryKernel, or null, for random broadcast shapes in both orders`, () => {
      let handled = 0;
      fc.assert(
        fc.property(
          broadcastPair,
          fc.boolean(),
          fc.boolean(),
          fc.integer({ min: 0, max: 100 }),
          ([sa, sb], swap, f32, seed) => {
            const dtype = f32 ? 'float32' : 'float64';
            const [s1, s2] = swap ? [sb, sa] : [sa, sb];
            const a = make(s1, seed, dtype);
            const b = make(s2, seed + 1, dtype);
            const fast = fastArithmetic(kind, a, b);
            const ref = binaryKernel(kind, a, b, FNS[kind]);
            if (fast === null) return;
            handled++;
            expect(fast.shape).toEqual(ref.shape);
            expect(fast.dtype).toBe(dtype);
            expect(Array.from(fast.data)).toEqual(Array.from(ref.data));
          },
        ),
        { numRuns: 200 },
      );
      expect(handled).toBeGreaterThan(100);
    });
  }

  test('layouts that need the general kernel return null', () => {
    const a = make([2, 3], 0, 'float64');
    expect(fastArithmetic('add', a, make([2, 1], 1, 'float64'))).toBeNull();
    expect(fastArithmetic('add', make([3, 1], 0, 'float64'), make([1, 4], 1, 'float64'))).toBeNull();
    expect(fastArithmetic('mul', make([1, 3], 0, 'float64'), make([3], 1, 'float64'))?.shape).toEqual([1, 3]);
    expect(fastArithmetic('mul', make([3], 0, 'float64'), make([1, 3], 1, 'float64'))?.shape).toEqual([1, 3]);
  });
});
