import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import type { DType } from '../src/dtype';
import { type Arithmetic, binaryKernel } from '../src/kernels/binary';
import { expF32, expF32Sum } from '../src/kernels/expF32';
import { reduceLayout, sumLayout } from '../src/kernels/reduceAxes';
import { allocZeroed as allocate } from '../src/memory/_pool';
import { broadcastShapes, sizeOf, stridesOf } from '../src/shape';
import { Tensor } from '../src/tensor';
import { broadcastPairFrom } from './arbitraries';

/** A tensor of `shape` and `dtype` filled with deterministic values (non-zero, mixed signs). */
function filled(shape: number[], dtype: DType, seed: number): Tensor {
  const n = sizeOf(shape);
  const data = allocate(dtype, n);
  for (let i = 0; i < n; i++) {
    const v = Math.sin(seed * 12.9898 + i * 78.233) * 9;
    data[i] = dtype === 'int32' ? (Math.round(v) === 0 ? 3 : Math.round(v)) : v === 0 ? 0.5 : v;
  }
  return new Tensor(data, shape, dtype);
}

/** Reference broadcasting: per output element, the multi-index mapped back to each operand. */
function naiveBinary(a: Tensor, b: Tensor, f: (x: number, y: number) => number): Tensor {
  const shape = broadcastShapes('ref', a.shape, b.shape);
  const n = sizeOf(shape);
  const out = allocate(a.dtype, n);
  const strides = stridesOf(shape);
  const at = (t: Tensor, idx: number[]) => {
    const s = stridesOf(t.shape);
    const off = shape.length - t.rank;
    let p = 0;
    for (let k = 0; k < t.rank; k++) p += (t.shape[k] === 1 ? 0 : idx[k + off]!) * s[k]!;
    return t.data[p]!;
  };
  for (let i = 0; i < n; i++) {
    const idx = strides.map((s, k) => Math.floor(i / s) % shape[k]!);
    out[i] = f(at(a, idx), at(b, idx));
  }
  return new Tensor(out, shape, a.dtype);
}

/** Random broadcast-compatible shape pairs; large dims exercise the unrolled, chunked and row loops. */
const shapePair = broadcastPairFrom([1, 2, 3, 5, 64, 70], 20_000);

const ops = {
  add: (x: number, y: number) => x + y,
  sub: (x: number, y: number) => x - y,
  mul: (x: number, y: number) => x * y,
  div: (x: number, y: number) => x / y,
} as const;

describe('binaryKernel specialized arithmetic loops (property: equal to reference broadcasting)', () => {
  for (const [name, f] of Object.entries(ops)) {
    for (const dtype of ['float32', 'float64', 'int32'] as const) {
      test(`${name} on ${dtype}, random broadcast shapes`, () => {
        fc.assert(
          fc.property(shapePair, fc.integer({ min: 1, max: 1000 }), ([sa, sb], seed) => {
            const a = filled([...sa], dtype, seed);
            const b = filled([...sb], dtype, seed + 1);
            const got = binaryKernel(name, a, b, f, name as Arithmetic);
            const want = naiveBinary(a, b, f);
            expect(got.shape).toEqual(want.shape);
            expect(got.dtype).toBe(dtype);
            expect(Array.from(got.data)).toEqual(Array.from(want.data));
          }),
          { numRuns: 40 },
        );
      });
    }
  }

  test('long arrays (several chunks, odd length) and tensor-scalar in both orders', () => {
    const a = filled([3, 8193], 'float32', 1);
    const b = filled([3, 8193], 'float32', 2);
    const s = filled([], 'float32', 3);
    for (const [name, f] of Object.entries(ops)) {
      for (const [x, y] of [
        [a, b],
        [a, s],
        [s, a],
      ] as const) {
        expect(Array.from(binaryKernel(name, x, y, f, name as Arithmetic).data)).toEqual(
          Array.from(naiveBinary(x, y, f).data),
        );
      }
    }
  });

  test('without an arithmetic opcode the callback computes every element', () => {
    const a = filled([2, 100], 'float64', 4);
    const b = filled([100], 'float64', 5);
    const notAdd = (x: number, y: number) => Math.max(x, y);
    expect(Array.from(binaryKernel('add', a, b, notAdd).data)).toEqual(
      Array.from(naiveBinary(a, b, notAdd).data),
    );
  });

  test('empty and scalar shapes', () => {
    const e = filled([0, 3], 'float32', 1);
    expect(binaryKernel('add', e, filled([3], 'float32', 2), ops.add, 'add').shape).toEqual([0, 3]);
    const x = filled([], 'float64', 1);
    const y = filled([], 'float64', 2);
    expect(binaryKernel('mul', x, y, ops.mul, 'mul').data[0]).toBe(x.data[0]! * y.data[0]!);
  });
});

/** Reference reduction: sequential float64 `step` over the reduced axes, keepDims shape. */
function naiveReduce(x: Tensor, axes: number[], init: number, step: (a: number, v: number) => number) {
  const keep = x.shape.map((d, i) => (axes.includes(i) ? 1 : d));
  const acc = new Float64Array(sizeOf(keep)).fill(init);
  const strides = stridesOf(x.shape);
  const outStrides = stridesOf(keep);
  for (let i = 0; i < x.size; i++) {
    let o = 0;
    for (let k = 0; k < x.rank; k++) {
      const idx = Math.floor(i / strides[k]!) % x.shape[k]!;
      if (!axes.includes(k)) o += idx * outStrides[k]!;
    }
    acc[o] = step(acc[o]!, x.data[i]!);
  }
  return { shape: keep, data: acc };
}

const shapeAndAxes = fc
  .array(fc.constantFrom(1, 2, 3, 7, 9, 33), { minLength: 0, maxLength: 4 })
  .filter((s) => sizeOf(s) <= 30_000)
  .chain((shape) =>
    fc.tuple(fc.constant(shape), fc.subarray(Array.from({ length: shape.length }, (_, i) => i))),
  );

/** The sums of `x` over `axes` by the reduction layout kernel (keepDims order). */
const layoutSum = (x: Tensor, axes: number[]) => sumLayout(reduceLayout(x, axes));

describe('sumLayout (property: equal to a sequential float64 reference)', () => {
  test('sums (eight partial sums, contiguous or permuted axes) agree with a sequential float64 sum', () => {
    fc.assert(
      fc.property(shapeAndAxes, fc.integer({ min: 1, max: 1000 }), ([shape, axes], seed) => {
        const x = filled(shape, 'float64', seed);
        const got = layoutSum(x, axes);
        const want = naiveReduce(x, axes, 0, (a, v) => a + v);
        expect(reduceLayout(x, axes).keepShape).toEqual(want.shape);
        expect(got.length).toBe(want.data.length);
        for (let i = 0; i < want.data.length; i++) {
          const scale = 9 * x.size;
          expect(Math.abs(got[i]! - want.data[i]!)).toBeLessThanOrEqual(1e-14 * scale);
        }
      }),
      { numRuns: 80 },
    );
  });

  test('a long full sum (many chunks) and sums over empty axes', () => {
    const x = filled([100_003], 'float32', 7);
    let s = 0;
    for (let i = 0; i < x.size; i++) s += x.data[i]!;
    expect(layoutSum(x, [0])[0]).toBeCloseTo(s, 8);
    const e = filled([0, 4], 'float32', 1);
    expect(Array.from(layoutSum(e, [0]))).toEqual([0, 0, 0, 0]);
    expect(Array.from(layoutSum(e, [1]))).toEqual([]);
  });
});

describe('expF32 (table-driven exponential for float32 results)', () => {
  test('float32 results equal Math.fround(Math.exp(x)) on a dense grid and at special values', () => {
    const n = 400_001;
    const x = new Float32Array(n);
    for (let i = 0; i < n; i++) x[i] = -120 + (215 * i) / (n - 1);
    const specials = [Number.NaN, Infinity, -Infinity, 0, -0, 88.72, 88.73, -103, -104, 1e-30, -1e-30];
    const all = Float32Array.from([...x, ...specials]);
    const got = new Float32Array(all.length);
    expF32(all, got);
    let mismatches = 0;
    for (let i = 0; i < all.length; i++) {
      const want = Math.fround(Math.exp(all[i]!));
      if (!Object.is(got[i], want) && !(Number.isNaN(got[i]) && Number.isNaN(want))) mismatches++;
    }
    expect(mismatches).toBe(0);
  });

  test('float64 values are within 1e-15 relative of Math.exp in [-109.5, 87.5]; shift is subtracted first', () => {
    const n = 100_000;
    const x = new Float64Array(n);
    for (let i = 0; i < n; i++) x[i] = -111 + (197 * i) / n + Math.sin(i) * 1e-3;
    const got = new Float64Array(n);
    expF32(x, got, -1.5);
    // the worst relative error, asserted once (100,000 expect calls take seconds, minutes on a loaded machine)
    let worst = 0;
    for (let i = 0; i < n; i++) {
      const want = Math.exp(x[i]! + 1.5);
      worst = Math.max(worst, Math.abs(got[i]! - want) / want);
    }
    expect(worst).toBeLessThan(1e-15);
  });

  test('expF32Sum returns the float64 sum of the values it writes (even and odd positions summed apart)', () => {
    const src = Float32Array.from({ length: 1000 }, (_, i) => Math.cos(i) * 5);
    let max = Number.NEGATIVE_INFINITY;
    for (const v of src) max = Math.max(max, v);
    const dst = new Float64Array(1000);
    const s = expF32Sum(src, dst, max);
    const half = [0, 0];
    for (let i = 0; i < 1000; i++) {
      expect(Math.abs(dst[i]! - Math.exp(src[i]! - max)) / Math.exp(src[i]! - max)).toBeLessThan(1e-15);
      half[i % 2]! += dst[i]!;
    }
    expect(s).toBe(half[0]! + half[1]!);
  });
});
