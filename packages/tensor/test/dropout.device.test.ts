// dropout on a device: the counter-based mask (src/ops/_deviceDropout.ts) — its statistics, its reproducibility,
// the gradient and the fallback — on the reference device (the device protocol with CPU kernels). That every
// backend's kernel draws exactly this mask is a conformance case (test/conformance/suite.ts, KERNEL_CASES).
import { describe, expect, test } from 'vitest';
import { createGenerator, dropout, mul, sum, tensor, toDevice } from '../src/index';
import { dropoutHash } from '../src/ops/_deviceDropout';
import { createReferenceDevice } from './conformance/referenceDevice';
import { deviceDropoutMask } from './conformance/suite';

describe('the dropout hash', () => {
  test('keeps a fraction 1 - p of the elements, within 4.5 standard deviations, for several seeds and p', () => {
    const n = 200_000;
    for (const [s0, s1] of [
      [0, 0],
      [1, 2],
      [16777215, 16777215],
      [123456, 7654321],
    ] as const) {
      for (const p of [0.1, 0.5, 0.9]) {
        const bound = Math.ceil((1 - p) * 16777216);
        let kept = 0;
        for (let i = 0; i < n; i++) if (dropoutHash(i, s0, s1) < bound) kept++;
        const sd = Math.sqrt(n * p * (1 - p));
        expect(Math.abs(kept - n * (1 - p)), `seeds ${s0} ${s1}, p ${p}`).toBeLessThan(4.5 * sd);
      }
    }
  });

  test('neighbours and seeds are independent: pairs kept together at (1 - p)^2, the top byte uniform (chi-square)', () => {
    const n = 200_000;
    const bound = 8388608; // p = 0.5
    let both = 0;
    let bothSeeds = 0;
    const bins = new Float64Array(256);
    for (let i = 0; i < n; i++) {
      const h = dropoutHash(i, 5, 9);
      const a = h < bound;
      if (a && dropoutHash(i + 1, 5, 9) < bound) both++;
      if (a && dropoutHash(i, 6, 9) < bound) bothSeeds++;
      bins[h >>> 16]!++;
    }
    const sd = Math.sqrt(n * 0.25 * 0.75);
    expect(Math.abs(both - n * 0.25)).toBeLessThan(4.5 * sd);
    expect(Math.abs(bothSeeds - n * 0.25)).toBeLessThan(4.5 * sd);
    let chi2 = 0;
    for (const b of bins) chi2 += (b - n / 256) ** 2 / (n / 256);
    // 255 degrees of freedom: mean 255, sd 22.6; 400 is beyond 6 sd
    expect(chi2).toBeLessThan(400);
  });

  test('is a bijection of [0, 2^24) for fixed seeds (no two elements share a draw): checked on 2^20 indices', () => {
    const seen = new Uint8Array(16777216);
    let shared = 0;
    for (let i = 0; i < 1 << 20; i++) {
      const h = dropoutHash(i, 777, 4242);
      shared += seen[h]!;
      seen[h] = 1;
    }
    expect(shared).toBe(0);
  });
});

describe('dropout of a device tensor', () => {
  test("is x times the hash's mask, reproducible from the seed, with the gradient g * mask", () => {
    const device = createReferenceDevice({ warn: () => {} });
    const values = Float32Array.from({ length: 600 }, (_, i) => Math.sin(i) * 3);
    const x = toDevice(tensor(values, { shape: [20, 30] }), device).setRequiresGrad();
    const y = dropout(x, { p: 0.25, seed: 11 });
    expect(y.device).toBe(device);
    const mask = deviceDropoutMask(600, 0.25, 11);
    expect(Array.from(y.data)).toEqual(Array.from(values, (v, i) => Math.fround(v * mask[i]!)));
    expect(Array.from(dropout(x, { p: 0.25, seed: 11 }).data)).toEqual(Array.from(y.data));
    expect(Array.from(dropout(x, { p: 0.25, seed: 12 }).data)).not.toEqual(Array.from(y.data));
    sum(mul(y, 2)).backward();
    expect(x.grad!.device).toBe(device);
    expect(Array.from(x.grad!.data)).toEqual(Array.from(mask, (m) => 2 * m));
  });

  test('advances a generator by two draws (the seeds of the hash), so successive calls draw new masks', () => {
    const device = createReferenceDevice({ warn: () => {} });
    const x = toDevice(tensor(new Float32Array(100).fill(1)), device);
    const g = createGenerator(3);
    const a = dropout(x, { p: 0.5, generator: g }).data.slice();
    const b = dropout(x, { p: 0.5, generator: g }).data.slice();
    expect(Array.from(a)).not.toEqual(Array.from(b));
    const ref = createGenerator(3);
    ref.nextUint32();
    ref.nextUint32();
    ref.nextUint32();
    ref.nextUint32();
    expect(g.nextUint32()).toBe(ref.nextUint32());
  });

  test('a device without the kernel draws the same mask on the CPU, with the fallback warning', () => {
    const warnings: string[] = [];
    const device = createReferenceDevice({ broken: ['dropout'], warn: (m) => warnings.push(m) });
    const x = toDevice(tensor(new Float32Array(64).fill(2)), device);
    const y = dropout(x, { p: 0.5, seed: 1 });
    expect(y.device).toBe(device);
    expect(Array.from(y.data)).toEqual(Array.from(deviceDropoutMask(64, 0.5, 1), (m) => 2 * m));
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toContain('dropout');
  });

  test('p 0, p 1 and evaluation mode on a device: x itself, zeros, x itself', () => {
    const device = createReferenceDevice({ warn: () => {} });
    const x = toDevice(tensor([1, -2, 3]), device);
    expect(dropout(x, { p: 0, seed: 1 })).toBe(x);
    expect(dropout(x, { p: 0.5, training: false })).toBe(x);
    const z = dropout(x, { p: 1, seed: 1 });
    expect(z.device).toBe(device);
    expect(Array.from(z.data)).toEqual([0, -0, 0]);
  });
});
