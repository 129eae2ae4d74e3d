/**
 * Property tests for the elementwise area: autograd gradients match float64 central finite differences on random
 * shapes (with broadcasting for the binary and ternary ops), away from kinks; and double backward (Hessian-vector
 * products) matches finite differences of gradients.
 */
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { gradients } from '../src/autograd/engine';
import * as ew from '../src/exports/elementwise';
import { hvp } from '../src/grad';
import { mul } from '../src/ops/mul';
import { sub } from '../src/ops/sub';
import { sum } from '../src/ops/sum';
import { Tensor } from '../src/tensor';
import { broadcastPair, size } from './arbitraries';
import { checkGrad, leaf64 } from './gradcheck';

/** Arbitrary shape: rank 0..3, dims 1..4. */
const shapeArb = fc.array(fc.integer({ min: 1, max: 4 }), { minLength: 0, maxLength: 3 });

/** Deterministic pseudo-random values in (-3, 3). */
const values = (n: number, seed: number) =>
  Array.from({ length: n }, (_, i) => Math.sin(seed * 12.9898 + i * 78.233) * 3);
/** Moves values closer than `gap` to any kink away from it (finite differences are meaningless at a kink). */
const awayFrom = (vs: number[], kinks: number[], gap = 0.05) =>
  vs.map((v) => {
    for (const k of kinks) if (Math.abs(v - k) < gap) return k + (v >= k ? gap : -gap) * 2;
    return v;
  });

type Unary = (x: Tensor) => Tensor;
/** [name, op, map from raw values in (-3, 3) into the domain]. */
const UNARY: [string, Unary, (vs: number[]) => number[]][] = [
  ['abs', ew.abs, (v) => awayFrom(v, [0])],
  ['exp', ew.exp, (v) => v],
  ['log', ew.log, (v) => v.map((x) => Math.abs(x) + 0.2)],
  ['log1p', ew.log1p, (v) => v.map((x) => Math.abs(x) - 0.8)],
  ['expm1', ew.expm1, (v) => v],
  ['sqrt', ew.sqrt, (v) => v.map((x) => Math.abs(x) + 0.2)],
  ['rsqrt', ew.rsqrt, (v) => v.map((x) => Math.abs(x) + 0.2)],
  ['square', ew.square, (v) => v],
  ['sin', ew.sin, (v) => v],
  ['cos', ew.cos, (v) => v],
  ['tanh', ew.tanh, (v) => v],
  ['sigmoid', ew.sigmoid, (v) => v.map((x) => x * 3)],
  ['sign', ew.sign, (v) => awayFrom(v, [0])],
  ['reciprocal', ew.reciprocal, (v) => awayFrom(v, [0], 0.3)],
  ['erf', ew.erf, (v) => v],
  ['erfc', ew.erfc, (v) => v],
  ['pow(x, 2.5)', (x) => ew.pow(x, 2.5), (v) => v.map((x) => Math.abs(x) + 0.1)],
  ['pow(x, -1.5)', (x) => ew.pow(x, -1.5), (v) => v.map((x) => Math.abs(x) + 0.3)],
  ['pow(1.7, x)', (x) => ew.pow(1.7, x), (v) => v],
  ['clip', (x) => ew.clip(x, { min: -1, max: 2 }), (v) => awayFrom(v, [-1, 2])],
  ['relu', ew.relu, (v) => awayFrom(v, [0])],
  ['leakyRelu', (x) => ew.leakyRelu(x, { negativeSlope: 0.1 }), (v) => awayFrom(v, [0])],
  ['elu', (x) => ew.elu(x, { alpha: 0.7 }), (v) => awayFrom(v, [0])],
  ['selu', ew.selu, (v) => awayFrom(v, [0])],
  ['celu', (x) => ew.celu(x, { alpha: 1.5 }), (v) => awayFrom(v, [0])],
  ['gelu', ew.gelu, (v) => v],
  ['gelu tanh', (x) => ew.gelu(x, { approximate: 'tanh' }), (v) => v],
  ['silu', ew.silu, (v) => v],
  ['silu beta 1.7', (x) => ew.silu(x, { beta: 1.7 }), (v) => v],
  ['mish', ew.mish, (v) => v],
  ['softplus', ew.softplus, (v) => v],
  [
    'softplus beta 2 threshold 3',
    (x) => ew.softplus(x, { beta: 2, threshold: 3 }),
    (v) => awayFrom(v, [1.5]),
  ],
  ['logSigmoid', ew.logSigmoid, (v) => v.map((x) => x * 3)],
  ['hardtanh', (x) => ew.hardtanh(x, { minVal: -0.5, maxVal: 2 }), (v) => awayFrom(v, [-0.5, 2])],
  [
    'relu6',
    ew.relu6,
    (v) =>
      awayFrom(
        v.map((x) => x * 3),
        [0, 6],
      ),
  ],
];

describe('unary elementwise gradients (property: match float64 central differences on random shapes)', () => {
  for (const [name, op, domain] of UNARY) {
    test(name, () => {
      fc.assert(
        fc.property(shapeArb, fc.integer({ min: 1, max: 1000 }), (shape, seed) => {
          checkGrad(op, [leaf64(domain(values(size(shape), seed)), shape)]);
        }),
        { numRuns: 25 },
      );
    });
  }
});

type Binary = (a: Tensor, b: Tensor) => Tensor;
const BINARY: [string, Binary, (vs: number[]) => number[], (vs: number[]) => number[]][] = [
  ['pow', ew.pow, (v) => v.map((x) => Math.abs(x) + 0.3), (v) => v],
  ['maximum', ew.maximum, (v) => v, (v) => v],
  ['minimum', ew.minimum, (v) => v, (v) => v],
];

describe('broadcasting binary gradients (property: match float64 central differences)', () => {
  for (const [name, op, da, db] of BINARY) {
    test(`${name}(a, b) with random broadcast shapes, both argument orders`, () => {
      fc.assert(
        fc.property(
          broadcastPair,
          fc.boolean(),
          fc.integer({ min: 1, max: 1000 }),
          ([sa, sb], swap, seed) => {
            const [s1, s2] = swap ? [sb, sa] : [sa, sb];
            const a = leaf64(da(values(size(s1), seed)), s1);
            // Different seeds make ties (kinks of maximum/minimum) practically impossible; ensure a gap anyway.
            const b = leaf64(db(values(size(s2), seed + 7)), s2);
            if (name !== 'pow') {
              const diff = ew.abs(ew.minimum(ew.abs(sub(a, b)), 1));
              if (Math.min(...Array.from(diff.data)) < 1e-3) return;
            }
            checkGrad(op, [a, b]);
          },
        ),
        { numRuns: 40 },
      );
    });
  }

  test('where(condition, a, b) with random broadcast shapes of all three', () => {
    fc.assert(
      fc.property(
        broadcastPair,
        fc.boolean(),
        fc.integer({ min: 1, max: 1000 }),
        fc.boolean(),
        ([sa, sb], swap, seed, condLikeA) => {
          const [s1, s2] = swap ? [sb, sa] : [sa, sb];
          const a = leaf64(values(size(s1), seed), s1);
          const b = leaf64(values(size(s2), seed + 3), s2);
          const cs = condLikeA ? s1 : s2;
          const cond = new Tensor(
            Float64Array.from(values(size(cs), seed + 5), (v) => (v > 0 ? 1 : 0)),
            cs,
            'float64',
          );
          checkGrad((x, y) => ew.where(cond, x, y), [a, b]);
        },
      ),
      { numRuns: 40 },
    );
  });

  test('prelu(x, weight) with per-channel and single weights on random shapes', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 1, max: 3 }), { minLength: 2, maxLength: 4 }),
        fc.boolean(),
        fc.integer({ min: 1, max: 1000 }),
        (shape, single, seed) => {
          const x = leaf64(awayFrom(values(size(shape), seed), [0]), shape);
          const w = leaf64(values(single ? 1 : shape[1]!, seed + 1), [single ? 1 : shape[1]!]);
          checkGrad(ew.prelu, [x, w]);
        },
      ),
      { numRuns: 40 },
    );
  });
});

/** Finite differences of the gradient of f along v: (∇f(x + εv) − ∇f(x − εv)) / 2ε. */
function fdHvp(f: Unary, x: Tensor, v: Tensor, eps = 1e-5): Float64Array {
  const gradAt = (shift: number) => {
    const xs = leaf64(
      Array.from(x.data, (xi, i) => xi + shift * v.data[i]!),
      x.shape,
    );
    return gradients(f(xs), [xs])[0]!.data;
  };
  const up = gradAt(eps);
  const down = gradAt(-eps);
  return Float64Array.from(up, (u, i) => (u - down[i]!) / (2 * eps));
}

describe('double backward (hvp matches finite differences of gradients)', () => {
  const w = (n: number) => Array.from({ length: n }, (_, i) => 0.7 + 0.3 * Math.cos(i));
  for (const [name, op, domain] of UNARY) {
    test(name, () => {
      const shape = [2, 3];
      const x = leaf64(domain(values(6, 11)), shape);
      const v = leaf64(values(6, 29), shape);
      const wt = new Tensor(Float64Array.from(w(6)), shape, 'float64');
      const f = (t: Tensor) => sum(mul(op(t), wt));
      const h = hvp(f, x, v);
      const numeric = fdHvp(f, x, v);
      for (let i = 0; i < 6; i++) {
        expect(
          Math.abs(h.data[i]! - numeric[i]!),
          `${name} hvp[${i}]: ${h.data[i]} vs ${numeric[i]}`,
        ).toBeLessThan(1e-6 * (1 + Math.abs(numeric[i]!)));
      }
    });
  }

  test('pow(a, b): mixed second derivative through the exponent', () => {
    const b = new Tensor(Float64Array.from([0.5, 1.5, -0.7]), [3], 'float64');
    const f = (t: Tensor) => sum(ew.pow(t, mul(b, t)));
    const x = leaf64([0.8, 1.3, 2.1], [3]);
    const v = leaf64([0.3, -0.5, 0.2], [3]);
    const h = hvp(f, x, v);
    const numeric = fdHvp(f, x, v);
    for (let i = 0; i < 3; i++) expect(h.data[i]).toBeCloseTo(numeric[i]!, 6);
  });
});
