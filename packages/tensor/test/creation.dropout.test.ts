import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { gradients } from '../src/autograd/engine';
import { noGrad } from '../src/autograd/gradMode';
import { ones } from '../src/creation/ones';
import { tensor } from '../src/creation/tensor';
import { hvp } from '../src/grad';
import { add } from '../src/ops/add';
import { dropout } from '../src/ops/dropout';
import { mul } from '../src/ops/mul';
import { sum } from '../src/ops/sum';
import { createGenerator } from '../src/random/createGenerator';
import { Tensor } from '../src/tensor';
import { checkGrad, leaf64 } from './gradcheck';

interface Fixture {
  dropout: { p: number; x: number[]; y: number[]; keptFraction: number }[];
  dropoutP1: { x: (number | null)[]; y: (number | null)[]; negZero: boolean[] };
  errors: Record<string, string>;
}
const fx = JSON.parse(readFileSync(new URL('../fixtures/creation.json', import.meta.url), 'utf8')) as Fixture;

describe('dropout (oracle: torch.nn.functional.dropout)', () => {
  test.each(fx.dropout)('p = $p: kept values equal torch exactly, zeros elsewhere, keep rate 1 - p', (c) => {
    const x = tensor(c.x);
    const y = dropout(x, { p: c.p, seed: 1 });
    // torch's kept values are x * fl(1 / fl(1 - p)); ours must be bit-identical where both keep an element
    let checked = 0;
    c.y.forEach((ty, i) => {
      if (ty !== 0 && y.data[i] !== 0) {
        expect(y.data[i]).toBe(ty);
        checked++;
      }
      expect(
        y.data[i] === 0 || y.data[i] === Math.fround(x.data[i]! * Math.fround(1 / Math.fround(1 - c.p))),
      ).toBe(true);
    });
    expect(checked).toBeGreaterThan(0);
    const big = dropout(ones([100_000]), { p: c.p, seed: 2 });
    let kept = 0;
    for (const v of big.data) if (v !== 0) kept++;
    const q = 1 - c.p;
    expect(Math.abs(kept / 100_000 - q)).toBeLessThan(5 * Math.sqrt((q * (1 - q)) / 100_000));
    expect(Math.abs(c.keptFraction - q)).toBeLessThan(5 * Math.sqrt((q * (1 - q)) / c.x.length));
  });

  test('p = 1 gives x * 0 like torch 1.13 (signed zeros, NaN stays NaN); eval and p = 0 return x itself', () => {
    const x = tensor(fx.dropoutP1.x.map((v) => v ?? Number.NaN));
    const y = dropout(x, { p: 1 });
    fx.dropoutP1.y.forEach((v, i) => {
      if (v === null) expect(y.data[i]).toBeNaN();
      else expect(Object.is(y.data[i], fx.dropoutP1.negZero[i] ? -0 : 0)).toBe(true);
    });
    expect(dropout(x, { p: 0.5, training: false })).toBe(x);
    expect(dropout(x, { p: 0 })).toBe(x);
  });

  test('the same generator state gives the same mask; the generator advances', () => {
    const g = createGenerator(3);
    const s = g.getState();
    const a = dropout(ones([50]), { generator: g });
    const b = dropout(ones([50]), { generator: g });
    expect(Array.from(a.data)).not.toEqual(Array.from(b.data));
    g.setState(s);
    expect(Array.from(dropout(ones([50]), { generator: g }).data)).toEqual(Array.from(a.data));
  });

  test('gradient flows through the same mask (property: float64 central differences, random shapes and p)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 1, max: 4 }), { minLength: 0, maxLength: 3 }),
        fc.double({ min: 0.05, max: 0.9, noNaN: true }),
        fc.integer({ min: 0, max: 10_000 }),
        (shape, p, seed) => {
          const n = shape.reduce((a, b) => a * b, 1);
          const x = leaf64(
            Array.from({ length: n }, (_, i) => Math.sin(seed + i * 1.3) * 2),
            shape,
          );
          // a fresh generator from the same seed on every call: the mask is fixed, f is deterministic
          checkGrad((t) => dropout(t, { p, seed }), [x]);
          const y = dropout(x, { p, seed });
          const [g] = gradients(sum(y), [x]);
          const mask = noGrad(() =>
            dropout(new Tensor(new Float64Array(n).fill(1), shape, 'float64'), { p, seed }),
          );
          expect(Array.from(g!.data)).toEqual(Array.from(mask.data));
        },
      ),
      { numRuns: 40 },
    );
  });

  test('double backward: hvp of sum(dropout(x)^3) matches finite differences of the gradient', () => {
    const f = (x: Tensor) => sum(mul(mul(dropout(x, { p: 0.3, seed: 5 }), x), add(x, 1)));
    const x = leaf64([0.5, -1.2, 2.0, 0.7, -0.3], [5]);
    const v = leaf64([0.3, 0.1, -0.7, 1.0, 0.2], [5]);
    const h = hvp(f, x, v);
    const eps = 1e-5;
    const gradAt = (shift: number) => {
      const xs = leaf64(
        Array.from(x.data, (xi, i) => xi + shift * v.data[i]!),
        [5],
      );
      return gradients(f(xs), [xs])[0]!.data;
    };
    const up = gradAt(eps);
    const down = gradAt(-eps);
    for (let i = 0; i < 5; i++)
      expect(Math.abs(h.data[i]! - (up[i]! - down[i]!) / (2 * eps))).toBeLessThan(1e-6);
  });

  test('errors: p outside [0, 1] (torch: ValueError), int32, non-tensor, missing generator', () => {
    expect(fx.errors['dropoutP']).toContain('dropout probability has to be between 0 and 1, but got 1.5');
    expect(() => dropout(ones([2]), { p: 1.5, seed: 0 })).toThrow(RangeError);
    expect(() => dropout(ones([2]), { p: 1.5, seed: 0 })).toThrow(
      'dropout: p (dropout probability) must be in [0, 1], got 1.5',
    );
    expect(() => dropout(ones([2]), { p: -0.1, seed: 0 })).toThrow('got -0.1');
    expect(() => dropout(ones([2]), { p: Number.NaN, seed: 0 })).toThrow(RangeError);
    expect(() => dropout(ones([2], { dtype: 'int32' }), { seed: 0 })).toThrow(
      'dropout: x must be a float32 or float64 tensor, got int32',
    );
    expect(() => dropout([1, 2] as never)).toThrow('dropout: x must be a Tensor, got [1, 2]');
    expect(() => dropout(ones([2]))).toThrow('dropout: pass options.generator');
    // evaluation needs no generator
    expect(dropout(ones([2]), { training: false }).toArray()).toEqual([1, 1]);
  });
});

describe('dropout: the fused mask-and-apply pass', () => {
  test("float32: the fast path (the package's generator, state in locals) gives the stream of nextUint32 calls: same mask, same final state", () => {
    for (const [n, p] of [
      [1, 0.5],
      [37, 0.1],
      [10_000, 0.3],
      [4097, 0.999],
    ] as const) {
      const x = new Tensor(
        Float32Array.from({ length: n }, (_, i) => Math.sin(i) * 3),
        [n],
        'float32',
      );
      const fast = createGenerator(11);
      const inner = createGenerator(11);
      // a wrapper is not the package's own generator: dropout then calls nextUint32 per element
      const slow = {
        nextUint32: () => inner.nextUint32(),
        getState: () => inner.getState(),
        setState: (s: Parameters<typeof inner.setState>[0]) => inner.setState(s),
      };
      const a = dropout(x, { p, generator: fast });
      const b = dropout(x, { p, generator: slow });
      for (let i = 0; i < n; i++) expect(Object.is(a.data[i], b.data[i]), `n ${n}, element ${i}`).toBe(true);
      expect(fast.getState()).toEqual(inner.getState());
      expect(fast.nextUint32()).toBe(inner.nextUint32());
    }
  });

  test('equals mul(x, mask) bit for bit (edge values included), float32 and float64, and its gradient is g * mask', () => {
    for (const dtype of ['float32', 'float64'] as const) {
      const vals = [0, -0, 1e-45, -3.4e38, Number.POSITIVE_INFINITY, Number.NaN, 1.5, -2.25];
      const n = 1000;
      const data = dtype === 'float32' ? new Float32Array(n) : new Float64Array(n);
      for (let i = 0; i < n; i++) data[i] = vals[i % vals.length]! * (1 + i / 7);
      const x = new Tensor(data, [n], dtype).setRequiresGrad();
      const onesT = new Tensor(
        dtype === 'float32' ? new Float32Array(n).fill(1) : new Float64Array(n).fill(1),
        [n],
        dtype,
      );
      const mask = dropout(onesT, { p: 0.3, seed: 7 });
      const y = dropout(x, { p: 0.3, seed: 7 });
      const ref = noGrad(() => mul(x, mask));
      for (let i = 0; i < n; i++) expect(Object.is(y.data[i], ref.data[i]), `element ${i}`).toBe(true);
      const [g] = gradients(sum(y), [x]);
      for (let i = 0; i < n; i++) expect(g!.data[i]).toBe(mask.data[i]);
    }
  });
});
