import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { gradients } from '../src/autograd/engine';
import { hvp } from '../src/grad';
import { add } from '../src/ops/add';
import { concat } from '../src/ops/concat';
import { flatten } from '../src/ops/flatten';
import { gather } from '../src/ops/gather';
import { indexSelect } from '../src/ops/indexSelect';
import { logSoftmax } from '../src/ops/logSoftmax';
import { logSumExp } from '../src/ops/logSumExp';
import { matmul } from '../src/ops/matmul';
import { max } from '../src/ops/max';
import { mean } from '../src/ops/mean';
import { min } from '../src/ops/min';
import { mul } from '../src/ops/mul';
import { pad } from '../src/ops/pad';
import { prod } from '../src/ops/prod';
import { type SliceRange, slice } from '../src/ops/slice';
import { softmax } from '../src/ops/softmax';
import { split } from '../src/ops/split';
import { stack } from '../src/ops/stack';
import { std } from '../src/ops/std';
import { sum } from '../src/ops/sum';
import { transpose } from '../src/ops/transpose';
import { variance } from '../src/ops/variance';
import { Tensor } from '../src/tensor';
import { checkGrad, leaf64 } from './gradcheck';

const values = (n: number, seed: number) =>
  Array.from({ length: n }, (_, i) => Math.sin(seed * 12.9898 + i * 78.233) * 2);
const size = (s: readonly number[]) => s.reduce((a, b) => a * b, 1);
const leaf = (s: readonly number[], seed: number) => leaf64(values(size(s), seed), s);

const shapeArb = (minRank: number, maxRank: number) =>
  fc.array(fc.integer({ min: 1, max: 4 }), { minLength: minRank, maxLength: maxRank });

/** A shape with a random `axis` option: omitted, one (maybe negative) axis, or a random subset of axes. */
const reduceCase = shapeArb(1, 4).chain((shape) =>
  fc.tuple(
    fc.constant(shape),
    fc.oneof(
      fc.constant(undefined),
      fc.integer({ min: -shape.length, max: shape.length - 1 }),
      fc
        .subarray(
          shape.map((_, i) => i),
          { minLength: 1 },
        )
        .map((axes) => axes.map((a) => (a % 2 === 0 ? a : a - shape.length))),
    ),
    fc.boolean(),
    fc.integer({ min: 1, max: 1000 }),
  ),
);

describe('reductions: gradients match float64 central differences (random shapes, axes, keepDims)', () => {
  const ops = {
    mean,
    variance,
    std,
    logSumExp,
    max,
    min,
    prod,
    varianceBiased: (x: Tensor, o: object) => variance(x, { ...o, correction: 0 }),
  } as const;
  for (const [name, op] of Object.entries(ops)) {
    test(name, () => {
      fc.assert(
        fc.property(reduceCase, ([shape, axis, keepDims, seed]) => {
          const x = leaf(shape, seed);
          const options = { axis, keepDims };
          const y = op(x, options);
          const reduced =
            axis === undefined
              ? shape.map((_, i) => i)
              : [axis].flat().map((a) => (a + shape.length) % shape.length);
          const expectedShape = keepDims
            ? shape.map((d, i) => (reduced.includes(i) ? 1 : d))
            : shape.filter((_, i) => !reduced.includes(i));
          expect(y.shape).toEqual(expectedShape);
          // variance and std need at least two reduced elements for a finite unbiased value
          const count = reduced.reduce((p, a) => p * shape[a]!, 1);
          if ((name === 'variance' || name === 'std') && count < 2) return;
          checkGrad((t) => op(t, options), [x], { atol: 1e-5 });
        }),
        { numRuns: 60 },
      );
    });
  }
});

describe('softmax and logSoftmax (random shapes and axes)', () => {
  for (const [name, op] of [
    ['softmax', softmax],
    ['logSoftmax', logSoftmax],
  ] as const) {
    test(`${name}: gradient matches finite differences; slices normalize`, () => {
      fc.assert(
        fc.property(
          shapeArb(1, 4).chain((s) =>
            fc.tuple(fc.constant(s), fc.integer({ min: -s.length, max: s.length - 1 })),
          ),
          fc.integer({ min: 1, max: 1000 }),
          ([shape, axis], seed) => {
            const x = leaf(shape, seed);
            const y = op(x, { axis });
            const p = name === 'softmax' ? y : softmax(x, { axis });
            const sums = sum(p, { axis }).data;
            for (const s of sums) expect(s).toBeCloseTo(1, 12);
            checkGrad((t) => op(t, { axis }), [x]);
          },
        ),
        { numRuns: 60 },
      );
    });
  }
});

describe('shape ops: gradients match finite differences', () => {
  test('transpose with a random permutation', () => {
    fc.assert(
      fc.property(
        shapeArb(0, 4).chain((s) =>
          fc.tuple(
            fc.constant(s),
            fc.shuffledSubarray(
              s.map((_, i) => i),
              { minLength: s.length, maxLength: s.length },
            ),
          ),
        ),
        fc.integer({ min: 1, max: 1000 }),
        ([shape, perm], seed) => {
          const x = leaf(shape, seed);
          const y = transpose(x, perm);
          expect(y.shape).toEqual(perm.map((p) => shape[p]));
          checkGrad((t) => transpose(t, perm), [x]);
          // transposing back restores x
          const inv = perm.map((_, i) => perm.indexOf(i));
          expect(Array.from(transpose(y, inv).data)).toEqual(Array.from(x.data));
        },
      ),
      { numRuns: 60 },
    );
  });

  test('slice with random ranges (negative bounds, steps, clamping)', () => {
    const rangeArb: fc.Arbitrary<SliceRange> = fc.oneof(
      fc.constant(null),
      fc.tuple(fc.integer({ min: -6, max: 6 })),
      fc.tuple(
        fc.integer({ min: -6, max: 6 }),
        fc.integer({ min: -6, max: 6 }),
        fc.integer({ min: 1, max: 3 }),
      ),
    );
    fc.assert(
      fc.property(
        shapeArb(1, 3).chain((s) => fc.tuple(fc.constant(s), fc.array(rangeArb, { maxLength: s.length }))),
        fc.integer({ min: 1, max: 1000 }),
        ([shape, ranges], seed) => {
          const x = leaf(shape, seed);
          const y = slice(x, ranges);
          // reference: Python slicing per axis
          ranges.forEach((r, d) => {
            const n = shape[d]!;
            if (r === null) {
              expect(y.shape[d]).toBe(n);
              return;
            }
            const norm = (v: number) => Math.min(n, Math.max(0, v < 0 ? v + n : v));
            const s = norm(r[0]);
            const e = r[1] === undefined || r[1] === null ? n : norm(r[1]);
            expect(y.shape[d]).toBe(e > s ? Math.ceil((e - s) / (r[2] ?? 1)) : 0);
          });
          checkGrad((t) => slice(t, ranges), [x]);
        },
      ),
      { numRuns: 60 },
    );
  });

  test('concat and stack of random tensors along a random axis; split inverts concat', () => {
    fc.assert(
      fc.property(
        shapeArb(1, 3).chain((s) =>
          fc.tuple(
            fc.constant(s),
            fc.integer({ min: -s.length, max: s.length - 1 }),
            fc.array(fc.integer({ min: 1, max: 3 }), { minLength: 1, maxLength: 3 }),
          ),
        ),
        fc.integer({ min: 1, max: 1000 }),
        ([shape, axis, lengths], seed) => {
          const a = (axis + shape.length) % shape.length;
          const xs = lengths.map((len, k) =>
            leaf(
              shape.map((d, i) => (i === a ? len : d)),
              seed + k,
            ),
          );
          checkGrad((...ts) => concat(ts, axis), xs);
          const joined = concat(xs, axis);
          split(joined, lengths, { axis }).forEach((part, k) => {
            expect(Array.from(part.data)).toEqual(Array.from(xs[k]!.data));
          });
          const same = lengths.map((_, k) => leaf(shape, seed + 10 + k));
          const stackAxis = axis < 0 ? axis - 1 : axis;
          checkGrad((...ts) => stack(ts, stackAxis), same);
        },
      ),
      { numRuns: 40 },
    );
  });

  test('gather and indexSelect with random indices (repeats accumulate)', () => {
    fc.assert(
      fc.property(
        shapeArb(1, 3).chain((s) => fc.tuple(fc.constant(s), fc.integer({ min: 0, max: s.length - 1 }))),
        fc.integer({ min: 1, max: 1000 }),
        ([shape, axis], seed) => {
          const x = leaf(shape, seed);
          const ishape = shape.map((d, i) => (i === axis ? 1 + (seed % 5) : Math.max(1, d - (seed % 2))));
          const idx = new Tensor(
            Int32Array.from({ length: size(ishape) }, (_, i) => (i * 7 + seed) % shape[axis]!),
            ishape,
            'int32',
          );
          checkGrad((t) => gather(t, idx, axis), [x]);
          const list = new Tensor(
            Int32Array.from({ length: 4 }, (_, i) => (i * 3 + seed) % shape[axis]!),
            [4],
            'int32',
          );
          checkGrad((t) => indexSelect(t, axis, list), [x]);
        },
      ),
      { numRuns: 40 },
    );
  });

  test('indexSelect copies exactly the selected rows: every dtype, row lengths around the unrolled copy and the long-row path', () => {
    const kinds = [
      ['float32', Float32Array],
      ['float64', Float64Array],
      ['int32', Int32Array],
    ] as const;
    for (const [dtype, Kind] of kinds) {
      for (const inner of [1, 2, 3, 4, 5, 7, 8, 63, 64, 65, 1023, 1024, 1029]) {
        for (const outer of [1, 3]) {
          const n = 5;
          const src = Kind.from(Array.from({ length: outer * n * inner }, (_, i) => (i * 37) % 1001));
          const x = new Tensor(src, [outer, n, inner], dtype);
          const picks = Int32Array.from([4, 0, 4, 2, 1, 3, 0]);
          const y = indexSelect(x, 1, new Tensor(picks, [picks.length], 'int32'));
          expect(y.shape).toEqual([outer, picks.length, inner]);
          const expected = new Kind(outer * picks.length * inner);
          for (let o = 0; o < outer; o++)
            for (let j = 0; j < picks.length; j++)
              for (let i = 0; i < inner; i++)
                expected[(o * picks.length + j) * inner + i] = src[(o * n + picks[j]!) * inner + i]!;
          expect(y.data).toEqual(expected);
        }
      }
    }
  });

  test('pad with random pads and value', () => {
    fc.assert(
      fc.property(
        shapeArb(1, 3).chain((s) =>
          fc.tuple(
            fc.constant(s),
            fc
              .array(fc.integer({ min: 0, max: 2 }), { maxLength: s.length })
              .map((p) => p.flatMap((v, i) => [v, (v + i) % 3])),
          ),
        ),
        fc.double({ min: -3, max: 3, noNaN: true }),
        fc.integer({ min: 1, max: 1000 }),
        ([shape, pads], value, seed) => {
          const x = leaf(shape, seed);
          const y = pad(x, pads, { value });
          expect(sum(y).item()).toBeCloseTo(sum(x).item() + (y.size - x.size) * value, 9);
          checkGrad((t) => pad(t, pads, { value }), [x]);
        },
      ),
      { numRuns: 40 },
    );
  });

  test('flatten of random axis ranges', () => {
    fc.assert(
      fc.property(
        shapeArb(1, 4),
        fc.integer({ min: 0, max: 3 }),
        fc.integer({ min: 0, max: 3 }),
        (shape, p, q) => {
          const s = Math.min(p, q) % shape.length;
          const e = Math.max(s, Math.max(p, q) % shape.length);
          const x = leaf(shape, p + q);
          const y = flatten(x, { startDim: s, endDim: e });
          expect(y.rank).toBe(shape.length - (e - s));
          checkGrad((t) => flatten(t, { startDim: s, endDim: e }), [x]);
        },
      ),
      { numRuns: 30 },
    );
  });
});

/** A pair of matmul operands: 1-D or N-D with broadcast batch dimensions. */
const matmulPair = fc
  .tuple(
    fc.integer({ min: 1, max: 4 }),
    fc.integer({ min: 1, max: 5 }),
    fc.integer({ min: 1, max: 4 }),
    fc.array(fc.integer({ min: 1, max: 3 }), { maxLength: 2 }),
    fc.integer({ min: 0, max: 5 }),
    fc.integer({ min: 0, max: 5 }),
  )
  .map(([m, k, n, batch, ka, kb]) => {
    const bat = (code: number) =>
      code === 0
        ? null
        : code === 1
          ? []
          : batch.map((d, i) => ((code + i) % 2 === 0 ? 1 : d)).slice(code % 2);
    const ba = bat(ka);
    const bb = bat(kb);
    return [ba === null ? [k] : [...ba, m, k], bb === null ? [k] : [...bb, k, n]] as const;
  });

describe('matmul (torch.matmul semantics)', () => {
  test('gradients match finite differences, incl. 1-D operands and broadcast batch dims', () => {
    fc.assert(
      fc.property(matmulPair, fc.integer({ min: 1, max: 1000 }), ([sa, sb], seed) => {
        const a = leaf(sa, seed);
        const b = leaf(sb, seed + 1);
        checkGrad(matmul, [a, b]);
      }),
      { numRuns: 80 },
    );
  });

  test('values equal a naive triple loop in float64 on random shapes', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 9 }),
        fc.integer({ min: 1, max: 9 }),
        fc.integer({ min: 1, max: 9 }),
        fc.integer({ min: 1, max: 1000 }),
        (m, k, n, seed) => {
          const a = leaf([m, k], seed);
          const b = leaf([k, n], seed + 1);
          const c = matmul(a, b).data;
          for (let i = 0; i < m; i++) {
            for (let j = 0; j < n; j++) {
              let s = 0;
              for (let p = 0; p < k; p++) s += a.data[i * k + p]! * b.data[p * n + j]!;
              expect(c[i * n + j]).toBeCloseTo(s, 12);
            }
          }
        },
      ),
      { numRuns: 60 },
    );
  });
});

/** hvp(f, x, v) vs central differences of the gradient along v. */
function checkHvp(f: (x: Tensor) => Tensor, x: Tensor, v: Tensor, digits = 5) {
  const h = hvp(f, x, v);
  const eps = 1e-5;
  const gradAt = (shift: number) => {
    const xs = leaf64(
      Array.from(x.data, (xi, i) => xi + shift * v.data[i]!),
      x.shape,
    );
    return gradients(f(xs), [xs])[0]!.data;
  };
  const up = gradAt(eps);
  const down = gradAt(-eps);
  for (let i = 0; i < x.size; i++) expect(h.data[i]).toBeCloseTo((up[i]! - down[i]!) / (2 * eps), digits);
}

describe('second order: Hessian-vector products by double backward match finite differences', () => {
  const x = leaf([3, 4], 7);
  const v = leaf([3, 4], 8);
  const w = leaf([3, 4], 9).detach();
  const cases: [string, (t: Tensor) => Tensor][] = [
    ['sum(w * softmax(x, axis 1))', (t) => sum(mul(softmax(t, { axis: 1 }), w))],
    ['sum(w * logSoftmax(x, axis 0))', (t) => sum(mul(logSoftmax(t, { axis: 0 }), w))],
    ['sum(logSumExp(x, axis -1)^2)', (t) => sum(mul(logSumExp(t, { axis: -1 }), logSumExp(t, { axis: -1 })))],
    [
      'sum(variance(x, axis 1) * std(x, axis 0) row)',
      (t) => add(sum(mul(variance(t, { axis: 1 }), variance(t, { axis: 1 }))), sum(std(t, { axis: 0 }))),
    ],
    ['sum(mean(x)^2 * x)', (t) => sum(mul(mul(mean(t), mean(t)), t))],
    [
      'sum((x xᵀ)^2) via matmul/transpose',
      (t) => {
        const p = matmul(t, transpose(t));
        return sum(mul(p, p));
      },
    ],
    [
      'batched matmul with broadcasting',
      (t) => {
        const s = slice(t, [[0, 2]]);
        const q = matmul(stack([s, s]), transpose(t));
        return sum(mul(q, q));
      },
    ],
    [
      'gather/concat/pad chain',
      (t) => {
        const g = gather(
          concat([t, t], 1),
          new Tensor(Int32Array.from([0, 5, 7, 2, 1, 1, 3, 6, 4, 0, 2, 7]), [3, 4], 'int32'),
          1,
        );
        const p = pad(g, [1, 1]);
        return sum(mul(mul(p, p), p));
      },
    ],
    [
      'indexSelect/split/flatten chain',
      (t) => {
        const [p, q] = split(indexSelect(t, 1, new Tensor(Int32Array.from([3, 0, 3, 1]), [4], 'int32')), 2, {
          axis: 1,
        });
        const r = flatten(mul(p!, q!));
        return sum(mul(r, r));
      },
    ],
    ['max over axis 1 times x', (t) => sum(mul(max(t, { axis: 1, keepDims: true }), t))],
  ];
  for (const [name, f] of cases) test(name, () => checkHvp(f, x, v));

  test('prod with zeros in the slices: gradient and hvp stay exact (no division)', () => {
    const z = leaf64([0, 1.5, -2, 0.5, 0, 0, 3, 1, 2, -1, 0.5, 0], [3, 4]);
    for (const axis of [undefined, 0, 1, [0, 1]] as const) {
      const f = (t: Tensor) => sum(mul(prod(t, { axis }), prod(t, { axis })));
      checkGrad((t) => prod(t, { axis }), [z]);
      checkHvp(f, z, v);
    }
  });

  test('prod: a third derivative is refused with a clear error', () => {
    const t = leaf64([1, 2, 3], [3]);
    const [g1] = gradients(prod(t), [t], { createGraph: true });
    const [g2] = gradients(sum(mul(g1!, g1!)), [t], { createGraph: true });
    expect(() => gradients(sum(mul(g2!, g2!)), [t])).toThrow(
      'prod: derivatives beyond the second order with respect to x are not supported',
    );
  });
});
