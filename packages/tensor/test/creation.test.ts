import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { arange } from '../src/creation/arange';
import { eye } from '../src/creation/eye';
import { linspace } from '../src/creation/linspace';
import { ones } from '../src/creation/ones';
import { onesLike } from '../src/creation/onesLike';
import { tensor } from '../src/creation/tensor';
import { zeros } from '../src/creation/zeros';
import { zerosLike } from '../src/creation/zerosLike';

interface Fixture {
  arange: { start: number; end: number; step: number; values: number[] }[];
  arangeLengths: { start: number; end: number; step: number; length: number }[];
  arangeInt: { values: number[] };
  linspace: { start: number; end: number; steps: number; values: number[] }[];
  eye: { n: number; m: number | null; values: number[]; shape: number[] }[];
  errors: Record<string, string>;
}
const fx = JSON.parse(readFileSync(new URL('../fixtures/creation.json', import.meta.url), 'utf8')) as Fixture;

const EPS32 = 2 ** -23;

describe('zeros / ones / zerosLike / onesLike', () => {
  test('fill, shape and dtype', () => {
    expect(zeros([2, 3]).toArray()).toEqual([
      [0, 0, 0],
      [0, 0, 0],
    ]);
    expect(ones([2]).toArray()).toEqual([1, 1]);
    expect(ones([]).shape).toEqual([]);
    expect(ones([]).item()).toBe(1);
    expect(zeros([0, 4]).size).toBe(0);
    expect(ones([3], { dtype: 'float64' }).data).toBeInstanceOf(Float64Array);
    expect(zeros([3], { dtype: 'int32' }).data).toBeInstanceOf(Int32Array);
    expect(ones([2], { requiresGrad: true }).requiresGrad).toBe(true);
  });

  test('the *Like variants copy shape and dtype, allow a dtype override, and share nothing', () => {
    const x = tensor([[1, 2, 3]], { dtype: 'int32' });
    const z = zerosLike(x);
    expect(z.shape).toEqual([1, 3]);
    expect(z.dtype).toBe('int32');
    expect(onesLike(x, { dtype: 'float64' }).dtype).toBe('float64');
    expect(onesLike(x).toArray()).toEqual([[1, 1, 1]]);
    expect(z.data).not.toBe(x.data);
    expect(zerosLike(tensor([1]).setRequiresGrad()).requiresGrad).toBe(false);
  });

  test('bad shapes are errors naming the function (PyTorch also rejects them)', () => {
    expect(fx.errors['zerosNegative']).toContain('negative dimension');
    expect(() => zeros([-1])).toThrow(TypeError);
    expect(() => zeros([-1])).toThrow('zeros: shape must be an array of non-negative integers, got [-1]');
    expect(fx.errors['zerosNonInteger']).toContain('must be tuple of SymInts, not float');
    expect(() => ones([1.5, 2])).toThrow(
      'ones: shape must be an array of non-negative integers, got [1.5, 2]',
    );
    expect(() => zeros(3 as unknown as number[])).toThrow('zeros: shape must be an array');
    expect(() => zerosLike([1, 2] as never)).toThrow('zerosLike: x must be a Tensor, got [1, 2]');
    expect(() => onesLike(null as never)).toThrow('onesLike: x must be a Tensor, got null');
  });
});

describe('arange (oracle: torch.arange)', () => {
  test.each(fx.arange)('arange($start, $end, step $step) matches torch values and length', (c) => {
    const t = arange(c.start, c.end, { step: c.step });
    expect(t.shape).toEqual([c.values.length]);
    expect(t.dtype).toBe('float32');
    const scale = Math.max(Math.abs(c.start), Math.abs(c.end));
    // torch's vectorized kernel may round start + i * step differently in the last bit: 2 ulps of the range.
    c.values.forEach((v, i) => {
      expect(Math.abs(t.data[i]! - v)).toBeLessThanOrEqual(2 * EPS32 * scale);
    });
  });

  test('length rule ceil((end - start) / step) matches torch on 200 random float ranges', () => {
    for (const c of fx.arangeLengths) expect(arange(c.start, c.end, { step: c.step }).size).toBe(c.length);
  });

  test('property: length is ceil((end - start) / step), values start + i * step (float64)', () => {
    fc.assert(
      fc.property(
        fc.double({ min: -100, max: 100, noNaN: true }),
        fc.double({ min: 0, max: 50, noNaN: true }),
        fc.double({ min: 0.01, max: 10, noNaN: true }),
        fc.boolean(),
        (start, span, mag, down) => {
          const step = down ? -mag : mag;
          const end = down ? start - span : start + span;
          const t = arange(start, end, { step, dtype: 'float64' });
          expect(t.size === Math.ceil((end - start) / step)).toBe(true);
          expect(Object.is(t.shape[0], -0)).toBe(false);
          for (let i = 0; i < t.size; i++) {
            expect(t.data[i]).toBe(start + i * step);
          }
        },
      ),
      { numRuns: 200 },
    );
  });

  test('one argument counts from 0; int32 dtype gives torch integer values', () => {
    expect(arange(5).toArray()).toEqual([0, 1, 2, 3, 4]);
    expect(arange(0, 10, { step: 3, dtype: 'int32' }).toArray()).toEqual(fx.arangeInt.values);
    expect(arange(0).shape).toEqual([0]);
    expect(arange(2, 2).size).toBe(0);
  });

  test('errors: step 0, step sign, non-finite', () => {
    expect(fx.errors['arangeStep0']).toContain('step must be nonzero');
    expect(() => arange(0, 1, { step: 0 })).toThrow(RangeError);
    expect(() => arange(0, 1, { step: 0 })).toThrow('arange: step must be nonzero, got 0');
    expect(fx.errors['arangeSign']).toContain('inconsistent with step sign');
    expect(() => arange(0, 1, { step: -1 })).toThrow(
      'arange: the sign of step must match end - start, got start=0, end=1, step=-1',
    );
    expect(() => arange(0, Number.POSITIVE_INFINITY)).toThrow(
      'arange: end must be a finite number, got Infinity',
    );
    expect(() => arange(Number.NaN)).toThrow(TypeError);
    expect(() => arange(0, 1e12, { step: 1e-3 })).toThrow('arange: the result would have');
  });
});

describe('linspace (oracle: torch.linspace)', () => {
  test.each(fx.linspace)('linspace($start, $end, steps $steps) matches torch', (c) => {
    const t = linspace(c.start, c.end, { steps: c.steps });
    expect(t.shape).toEqual([c.steps]);
    const scale = Math.max(Math.abs(c.start), Math.abs(c.end));
    c.values.forEach((v, i) => {
      expect(Math.abs(t.data[i]! - v)).toBeLessThanOrEqual(4 * EPS32 * scale);
    });
    if (c.steps > 0) expect(t.data[0]).toBe(c.values[0]);
    if (c.steps > 1) expect(t.data[c.steps - 1]).toBe(c.values[c.steps - 1]);
  });

  test('property: exact ends, monotone, evenly spaced to float64 precision', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: -1e6, max: 1e6 }).map((v) => v / 997),
        fc.integer({ min: -1e6, max: 1e6 }).map((v) => v / 991),
        fc.integer({ min: 2, max: 200 }),
        (start, end, steps) => {
          const t = linspace(start, end, { steps, dtype: 'float64' });
          expect(t.data[0] === start && t.data[steps - 1] === end).toBe(true);
          const d = (end - start) / (steps - 1);
          for (let i = 0; i < steps; i++) {
            expect(Math.abs(t.data[i]! - (start + i * d))).toBeLessThanOrEqual(
              1e-12 * (Math.abs(start) + Math.abs(end)) + 1e-300,
            );
            // monotone up to rounding where the two halves of the symmetric formula meet
            if (i > 0) {
              expect((t.data[i]! - t.data[i - 1]!) * Math.sign(d)).toBeGreaterThanOrEqual(
                -1e-12 * (Math.abs(start) + Math.abs(end)),
              );
            }
          }
        },
      ),
      { numRuns: 200 },
    );
  });

  test('float64 is accurate to float64; int32 truncates like torch integral linspace', () => {
    const t = linspace(0, 1, { steps: 11, dtype: 'float64' });
    for (let i = 0; i < 11; i++) expect(t.data[i]).toBeCloseTo(i / 10, 15);
    expect(linspace(0, 10, { steps: 4, dtype: 'int32' }).toArray()).toEqual([0, 3, 6, 10]);
  });

  test('errors: negative steps, missing steps, non-finite ends', () => {
    expect(fx.errors['linspaceNegative']).toContain('number of steps must be non-negative');
    expect(() => linspace(0, 1, { steps: -1 })).toThrow(RangeError);
    expect(() => linspace(0, 1, { steps: -1 })).toThrow(
      'linspace: number of steps must be non-negative, got -1',
    );
    expect(() => linspace(0, 1, {} as never)).toThrow(
      'linspace: options.steps must be an integer, got undefined',
    );
    expect(() => linspace(0, 1, { steps: 2.5 })).toThrow(TypeError);
    expect(() => linspace(Number.NaN, 1, { steps: 3 })).toThrow(
      'linspace: start must be a finite number, got NaN',
    );
  });
});

describe('eye (oracle: torch.eye)', () => {
  test.each(fx.eye)('eye($n, $m) matches torch', (c) => {
    const t = c.m === null ? eye(c.n) : eye(c.n, c.m);
    expect(t.shape).toEqual(c.shape);
    expect(Array.from(t.data)).toEqual(c.values);
  });

  test('options in second or third position', () => {
    expect(eye(2, { dtype: 'int32' }).dtype).toBe('int32');
    expect(eye(2, 3, { dtype: 'float64' }).dtype).toBe('float64');
  });

  test('errors: negative and non-integer sizes', () => {
    expect(fx.errors['eyeNegative']).toContain('n must be greater or equal to 0, got -1');
    expect(() => eye(-1)).toThrow(RangeError);
    expect(() => eye(-1)).toThrow('eye: n must be greater or equal to 0, got -1');
    expect(() => eye(2, -3)).toThrow('eye: m must be greater or equal to 0, got -3');
    expect(() => eye(1.5)).toThrow('eye: n must be a non-negative integer, got 1.5');
  });
});
