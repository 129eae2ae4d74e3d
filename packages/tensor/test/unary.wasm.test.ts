import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import {
  abs,
  celu,
  clip,
  cos,
  elu,
  erf,
  erfc,
  expm1,
  grad,
  hardtanh,
  hvp,
  leakyRelu,
  log,
  log1p,
  logSigmoid,
  mish,
  mul,
  neg,
  pow,
  reciprocal,
  relu6,
  rsqrt,
  selu,
  setKernelBackend,
  sign,
  sin,
  softplus,
  sqrt,
  square,
  sum,
  Tensor,
} from '../src/index';
import {
  EXPM1F,
  eluBackwardf,
  eluf,
  expm1f,
  leakyReluBackwardf,
  leakyReluf,
  log1pf,
  logf,
  logSigmoidBackwardf,
  logSigmoidf,
  softplusBackwardf,
  softplusf,
} from '../src/kernels/unaryF32';
import { BLOCK } from '../src/wasm/layout';
import { edgeData, expectSameBits, F32_EDGES, grid, ulps, useWasmFromZero, worstUlps } from './arbitraries';

// The long-tail float32 kernels (log, log1p, expm1, elu/selu/celu, softplus, logSigmoid, leakyRelu, and erf, erfc,
// mish of scripts/wasm-special.mjs; forward and fused backward): the four-lane WebAssembly modules (scripts/wasm-unary.mjs) equals its Math.fround emulation
// (src/kernels/unaryF32.ts) bit for bit on random sizes and edge values, both stay within the documented ulp bounds
// of the float64 values, and the fused backward agrees with central differences of the float64 functions.

const f = Math.fround;
const sig = (z: number) => (z >= 0 ? 1 / (1 + Math.exp(-z)) : Math.exp(z) / (1 + Math.exp(z)));
const softplus64 = (x: number) => Math.max(x, 0) + Math.log1p(Math.exp(-Math.abs(x)));
const positives = Array.from({ length: 300_001 }, (_, i) => f(2 ** (-149 + (277 * i) / 300_000)));
const signedSmall = Array.from({ length: 80_001 }, (_, i) =>
  f((i % 2 ? -1 : 1) * 2 ** (-60 + (60 * i) / 80_000)),
);

describe('error bounds against float64', () => {
  test('log: within 1 ulp over the whole positive float32 range (subnormals included)', () => {
    expect(worstUlps(logf, Math.log, positives)).toBeLessThanOrEqual(1);
  });
  test('log1p: within 2 ulp on (-1, 0) and over the positive range', () => {
    expect(worstUlps(log1pf, Math.log1p, grid(-0.99999, 0, 200_000))).toBeLessThanOrEqual(2);
    expect(worstUlps(log1pf, Math.log1p, [...positives, ...signedSmall])).toBeLessThanOrEqual(2);
  });
  test('expm1: within 4 ulp on [-30, 30] and near 0', () => {
    expect(worstUlps(expm1f, Math.expm1, [...grid(-30, 30, 300_000), ...signedSmall])).toBeLessThanOrEqual(4);
  });
  test('elu (alpha 1): within 1 ulp (one reduction, src/kernels/unaryF32.ts expm1Negf); selu and celu add one rounding of their scale', () => {
    const xs = [...grid(-30, 30, 200_000), ...signedSmall];
    expect(
      worstUlps(
        (x) => eluf(x, 1, 1, 1),
        (x) => (x > 0 ? x : Math.expm1(x)),
        [...xs, ...grid(-110, -30, 50_000)],
      ),
    ).toBeLessThanOrEqual(1);
  });
  test('softplus and logSigmoid: within 4 ulp where normal, within 2^-148 below', () => {
    const xs = [...grid(-110, 110, 300_000), ...signedSmall];
    const sp = (x: number) => (x > 20 ? x : softplus64(x));
    expect(worstUlps((x) => softplusf(x, 1, 20), sp, xs)).toBeLessThanOrEqual(4);
    expect(worstUlps(logSigmoidf, (x) => -softplus64(-x), xs)).toBeLessThanOrEqual(4);
    let tiny = 0;
    for (const x of grid(-110, -87, 20_000))
      tiny = Math.max(tiny, Math.abs(softplusf(x, 1, 20) - softplus64(x)));
    expect(tiny).toBeLessThanOrEqual(2 ** -148);
  });
  test('rsqrt: fl(1 / fl(sqrt x)) within 1 ulp of the exact value (two roundings, as PyTorch float32)', () => {
    let worst = 0;
    for (const x of positives) {
      const e = 1 / Math.sqrt(x);
      if (Number.isFinite(e)) worst = Math.max(worst, ulps(f(1 / f(Math.sqrt(x))), e));
    }
    expect(worst).toBeLessThanOrEqual(1);
    const r = new Float32Array(rsqrt(new Tensor(Float32Array.from([4, 0, -1]), [3], 'float32')).data);
    expect([...r]).toEqual([0.5, Number.POSITIVE_INFINITY, Number.NaN]);
  });
  test('backward: |error| <= 2^-23 (1 + |x|) for a unit gradient', () => {
    const xs = [...grid(-40, 40, 200_000), ...signedSmall];
    const cases: [string, (x: number) => number, (x: number) => number][] = [
      ['elu', (x) => eluBackwardf(1, x, 1, 1, 1), (x) => (x > 0 ? 1 : Math.exp(x))],
      ['softplus', (x) => softplusBackwardf(1, x, 1, 20), (x) => (x > 20 ? 1 : sig(x))],
      ['logSigmoid', (x) => logSigmoidBackwardf(1, x), (x) => sig(-x)],
      ['leakyRelu', (x) => leakyReluBackwardf(1, x, f(0.01)), (x) => (x > 0 ? 1 : 0.01)],
    ];
    for (const [name, fn, exact] of cases) {
      let worst = 0;
      for (const x of xs) worst = Math.max(worst, Math.abs(fn(x) - exact(x)) / (1 + Math.abs(x)));
      expect(worst, name).toBeLessThanOrEqual(2 ** -23);
    }
  });
  test('the fused float32 backward agrees with central differences of the float64 functions', () => {
    // h = 1e-6 in float64: truncation O(h^2 f'''), rounding O(1e-16 / h): both far below the float32 bound
    const h = 1e-6;
    const cd = (fn: (x: number) => number, x: number) => (fn(x + h) - fn(x - h)) / (2 * h);
    const elu64 = (x: number) =>
      x > 0 ? 1.0507009873554805 * x : 1.0507009873554805 * 1.6732632423543772 * Math.expm1(x);
    const celu64 = (x: number) => (x > 0 ? x : 0.7 * Math.expm1(x / 0.7));
    const cases: [string, (x: number) => number, (x: number) => number][] = [
      [
        'selu',
        elu64,
        (x) => eluBackwardf(1, x, f(1.0507009873554805 * 1.6732632423543772), f(1.0507009873554805), 1),
      ],
      ['celu 0.7', celu64, (x) => eluBackwardf(1, x, f(0.7 * (1 / 0.7)), 1, f(1 / 0.7))],
      ['softplus beta 2', (x) => softplus64(2 * x) / 2, (x) => softplusBackwardf(1, x, 2, 20)],
      ['logSigmoid', (x) => -softplus64(-x), (x) => logSigmoidBackwardf(1, x)],
    ];
    for (const [name, fn64, bwd] of cases) {
      for (const x of grid(-8, 8, 997)) {
        if (Math.abs(x) < 2 * h) continue; // the kink of selu/celu at 0
        expect(Math.abs(bwd(x) - cd(fn64, x)), `${name} at ${x}`).toBeLessThanOrEqual(
          2 ** -22 * (1 + Math.abs(x)),
        );
      }
    }
  });
  test('edge values: ±0, ±Infinity, NaN, out-of-domain inputs', () => {
    expect(logf(0)).toBe(Number.NEGATIVE_INFINITY);
    expect(logf(-0)).toBe(Number.NEGATIVE_INFINITY);
    expect(logf(-1)).toBeNaN();
    expect(logf(Number.POSITIVE_INFINITY)).toBe(Number.POSITIVE_INFINITY);
    expect(logf(1)).toBe(0);
    expect(logf(f(1e-45))).toBe(f(Math.log(f(1e-45))));
    expect(Object.is(log1pf(-0), -0)).toBe(true);
    expect(log1pf(-1)).toBe(Number.NEGATIVE_INFINITY);
    expect(log1pf(-2)).toBeNaN();
    expect(log1pf(Number.POSITIVE_INFINITY)).toBe(Number.POSITIVE_INFINITY);
    expect(Object.is(expm1f(-0), -0)).toBe(true);
    expect(expm1f(Number.NEGATIVE_INFINITY)).toBe(-1);
    expect(expm1f(Number.POSITIVE_INFINITY)).toBe(Number.POSITIVE_INFINITY);
    expect(expm1f(EXPM1F.limit)).toBe(f(Math.expm1(EXPM1F.limit)));
    expect(Object.is(eluf(-0, 1, 1, 1), -0)).toBe(true);
    expect(eluf(Number.NEGATIVE_INFINITY, 1, 1, 1)).toBe(-1);
    expect(softplusf(Number.POSITIVE_INFINITY, 1, 20)).toBe(Number.POSITIVE_INFINITY);
    expect(softplusf(Number.POSITIVE_INFINITY, 1, Number.POSITIVE_INFINITY)).toBe(Number.POSITIVE_INFINITY);
    expect(softplusf(Number.NEGATIVE_INFINITY, 1, 20)).toBe(0);
    expect(logSigmoidf(Number.NEGATIVE_INFINITY)).toBe(Number.NEGATIVE_INFINITY);
    expect(logSigmoidf(Number.POSITIVE_INFINITY)).toBe(0);
    expect(Object.is(leakyReluf(-0, 0.5), -0)).toBe(true);
    for (const fn of [logf, log1pf, expm1f, logSigmoidf, (x: number) => softplusf(x, 1, 20)])
      expect(fn(Number.NaN)).toBeNaN();
  });
});

describe('WebAssembly kernels equal their JavaScript emulation bit for bit', () => {
  useWasmFromZero();
  const EDGES = [
    ...F32_EDGES,
    -1,
    1,
    20,
    20.000002,
    -88,
    -104,
    EXPM1F.limit,
    -EXPM1F.limit,
    f(Math.SQRT1_2),
    0.84375,
    -0.84375,
    2,
    -2,
    f(10.1),
    -f(10.1),
    11,
    11.000001,
    8192,
    -8192.001,
    f(Math.PI),
    -f(Math.PI / 2),
  ];
  const OPS: [string, (x: Tensor) => Tensor, boolean][] = [
    ['log', log, true],
    ['log1p', log1p, true],
    ['expm1', expm1, false],
    ['elu', (x) => elu(x), false],
    ['elu alpha 0.3', (x) => elu(x, 0.3), false],
    ['selu', selu, false],
    ['celu 0.7', (x) => celu(x, 0.7), false],
    ['softplus', (x) => softplus(x), false],
    ['softplus beta 2 threshold 5', (x) => softplus(x, { beta: 2, threshold: 5 }), false],
    ['logSigmoid', logSigmoid, false],
    ['leakyRelu 0.2', (x) => leakyRelu(x, 0.2), false],
    ['sqrt', sqrt, true],
    ['rsqrt', rsqrt, true],
    ['abs', abs, false],
    ['neg', neg, false],
    ['square', square, false],
    ['reciprocal', reciprocal, false],
    ['sign', sign, false],
    ['hardtanh', (x) => hardtanh(x), false],
    ['relu6', relu6, false],
    ['clip [-0.3, 2.1]', (x) => clip(x, { min: -0.3, max: 2.1 }), false],
    ['erf', erf, false],
    ['erfc', erfc, false],
    ['mish', mish, false],
    ['pow 2', (x) => pow(x, 2), false],
    ['pow -1', (x) => pow(x, -1), false],
    ['sin', sin, false],
    ['cos', cos, false],
  ];
  /** Forward values and the gradient of sum(op(x) * w) (the fused backward with gradient w), per backend. */
  function run(op: (x: Tensor) => Tensor, x: Float32Array, w: Float32Array, backend: 'wasm' | 'js') {
    setKernelBackend(backend);
    const xt = new Tensor(x, [x.length], 'float32');
    const wt = new Tensor(w, [w.length], 'float32');
    const y = op(xt).data as Float32Array;
    const g = grad((t) => sum(mul(op(t), wt)))(xt).data as Float32Array;
    setKernelBackend('wasm');
    return [y, g] as const;
  }
  function both(name: string, op: (x: Tensor) => Tensor, x: Float32Array, w: Float32Array) {
    const [yw, gw] = run(op, x, w, 'wasm');
    const [yj, gj] = run(op, x, w, 'js');
    expectSameBits(yw, yj, `${name} forward`);
    expectSameBits(gw, gj, `${name} backward`);
  }
  for (const [name, op, positive] of OPS) {
    const input = (n: number, seed: number, sp: boolean) => {
      const d = edgeData(n, seed, sp, { edges: EDGES });
      // log and log1p: mostly inside their domain (the edge values still bring zeros, negatives and NaN)
      if (positive) for (let i = 0; i < n; i++) if (!sp || i % 5 !== 2) d[i] = Math.abs(d[i]!);
      return d;
    };
    test(`${name}: property over sizes 1..70 with edge values, forward and backward`, () => {
      fc.assert(
        fc.property(
          fc.integer({ min: 1, max: 70 }),
          fc.integer({ min: 0, max: 1000 }),
          fc.boolean(),
          (n, seed, sp) => both(name, op, input(n, seed, sp), edgeData(n, seed + 1, sp)),
        ),
        { numRuns: 40 },
      );
    });
    test(`${name}: sizes around the block length (${BLOCK}) and a dense sweep`, () => {
      for (const n of [BLOCK - 3, BLOCK + 5])
        both(`${name}, n = ${n}`, op, input(n, n, true), input(n, n + 1, false));
      const lo = positive ? 0 : -40;
      const x = Float32Array.from({ length: 40_001 }, (_, i) => lo + (40 * (positive ? 1 : 2) * i) / 40_000);
      both(`${name}, sweep`, op, x, x);
    });
  }
  test('double backward still composes differentiable ops (the fused backward only runs without createGraph)', () => {
    const x = new Tensor(Float32Array.from([-1.5, -0.3, 0.2, 2]), [4], 'float32');
    const v = new Tensor(Float32Array.from([1, 1, 1, 1]), [4], 'float32');
    // d2/dx2 softplus = sigmoid (1 - sigmoid); d2/dx2 elu = e^x below 0, 0 above
    const hs = hvp((t) => sum(softplus(t)), x, v).data;
    const he = hvp((t) => sum(elu(t)), x, v).data;
    for (let i = 0; i < 4; i++) {
      const xi = x.data[i]!;
      expect(hs[i]).toBeCloseTo(sig(xi) * (1 - sig(xi)), 6);
      expect(he[i]).toBeCloseTo(xi > 0 ? 0 : Math.exp(xi), 6);
    }
  });
});
