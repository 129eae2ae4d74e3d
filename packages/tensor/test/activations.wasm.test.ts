import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import PHI_FIT from '../fixtures/phiCoefficients.json';
import {
  gelu,
  grad,
  hvp,
  logSoftmax,
  mul,
  relu,
  setKernelBackend,
  sigmoid,
  silu,
  softmax,
  sum,
  Tensor,
  tanh,
} from '../src/index';
import {
  geluBackwardf,
  geluf,
  geluTanhBackwardf,
  geluTanhf,
  PHIF,
  siluBackwardf,
  siluf,
  tanhBackwardf,
  tanhf,
} from '../src/kernels/activationF32';
import { erfc64 } from '../src/ops/_erf';
import { BLOCK } from '../src/wasm/layout';
import { edgeData, expectSameBits, F32_EDGES, ulps, useWasmFromZero } from './arbitraries';

// The float32 activation kernels (tanh, SiLU, GELU's tanh form, forward and backward; the fused relu and sigmoid
// backward): the four-lane WebAssembly
// module equals its Math.fround emulation bit for bit on random sizes and edge values, and both stay within the
// documented error bounds of the exact values (float64).

const sig = (z: number) => (z >= 0 ? 1 / (1 + Math.exp(-z)) : Math.exp(z) / (1 + Math.exp(z)));
const C = Math.sqrt(2 / Math.PI);
const geluZ = (x: number) => 2 * C * (x + 0.044715 * x ** 3);
const Phi = (x: number) => 0.5 * erfc64(-x * Math.SQRT1_2);
const exact = {
  tanh: Math.tanh,
  geluExact: (x: number) => x * Phi(x),
  dgeluExact: (x: number) => Phi(x) + (x * Math.exp((-x * x) / 2)) / Math.sqrt(2 * Math.PI),
  silu: (x: number) => x * sig(x),
  gelu: (x: number) => x * sig(geluZ(x)),
  dtanh: (x: number) => 1 - Math.tanh(x) ** 2,
  dsilu: (x: number) => sig(x) * (1 + x * (1 - sig(x))),
  dgelu: (x: number) => {
    const z = geluZ(x);
    return sig(z) + x * sig(z) * sig(-z) * (2 * C + 6 * 0.044715 * C * x * x);
  },
};

/** float32 points: a dense grid over [-30, 30] and both signs of magnitudes 2^-140 .. 1. */
function points(): number[] {
  const xs: number[] = [];
  for (let i = 0; i <= 600_000; i++) xs.push(Math.fround(-30 + (60 * i) / 600_000));
  for (let i = 0; i <= 40_000; i++) xs.push(Math.fround((i % 2 ? -1 : 1) * 2 ** (-140 + (140 * i) / 40_000)));
  return xs;
}

test("gelu 'none': the Phi polynomials are scripts/fit_phi.py's (fixtures/phiCoefficients.json), rounded to float32", () => {
  const f = Math.fround;
  expect(PHIF.small).toEqual(PHI_FIT.small.map(f));
  expect(PHIF.h1).toEqual(PHI_FIT.h1.map(f));
  expect(PHIF.h2).toEqual(PHI_FIT.h2.map(f));
  expect([PHIF.m1, PHIF.m2]).toEqual([f(PHI_FIT.m1), f(PHI_FIT.m2)]);
  // every fitted value is a float32 already (the generator rounds), so nothing is rounded twice
  for (const v of [...PHI_FIT.small, ...PHI_FIT.h1, ...PHI_FIT.h2, PHI_FIT.m1, PHI_FIT.m2])
    expect(f(v)).toBe(v);
});

describe('error bounds against float64', () => {
  const xs = points();
  const NORMAL = 2 ** -126;
  test('tanh: within 1 ulp everywhere', () => {
    let worst = 0;
    for (const x of xs) worst = Math.max(worst, ulps(tanhf(x), exact.tanh(x)));
    expect(worst).toBeLessThanOrEqual(1);
  });
  test('silu: within 4 ulp where the result is a normal float32, within 2^-149 below', () => {
    let worst = 0;
    let worstTiny = 0;
    for (const x of xs) {
      const e = exact.silu(x);
      if (Math.abs(e) >= NORMAL) worst = Math.max(worst, ulps(siluf(x), e));
      else worstTiny = Math.max(worstTiny, Math.abs(siluf(x) - e));
    }
    expect(worst).toBeLessThanOrEqual(4);
    expect(worstTiny).toBeLessThanOrEqual(2 ** -149);
  });
  test("gelu 'tanh': within 3 (1 + |z|) ulp (z its tanh argument, rounded in float32) where normal; absolute 1e-6", () => {
    let worst = 0;
    let worstAbs = 0;
    for (const x of xs) {
      const e = exact.gelu(x);
      const y = geluTanhf(x);
      worstAbs = Math.max(worstAbs, Math.abs(y - e));
      if (Math.abs(e) >= NORMAL) worst = Math.max(worst, ulps(y, e) / (1 + Math.abs(geluZ(x))));
    }
    expect(worst).toBeLessThanOrEqual(3);
    expect(worstAbs).toBeLessThanOrEqual(1e-6);
  });
  test("gelu 'none': within 4 (1 + x^2 / 2) ulp where normal (the rounding of x / sqrt 2 in e^{-x^2/2}); absolute 1e-6", () => {
    let worst = 0;
    let worstAbs = 0;
    for (const x of xs) {
      const e = exact.geluExact(x);
      const y = geluf(x);
      worstAbs = Math.max(worstAbs, Math.abs(y - e));
      if (Math.abs(e) >= NORMAL) worst = Math.max(worst, ulps(y, e) / (1 + (x * x) / 2));
    }
    expect(worst).toBeLessThanOrEqual(4);
    expect(worstAbs).toBeLessThanOrEqual(1e-6);
  });
  test('backward: |error| <= 2^-23 (1 + |x|) for a unit gradient (the derivative formulas cancel near their zeros)', () => {
    const d = {
      dtanh: (x: number) => tanhBackwardf(1, tanhf(x)),
      dsilu: (x: number) => siluBackwardf(1, x),
      dgelu: (x: number) => geluTanhBackwardf(1, x),
      dgeluExact: (x: number) => geluBackwardf(1, x),
    };
    for (const k of ['dtanh', 'dsilu', 'dgelu', 'dgeluExact'] as const) {
      let worst = 0;
      for (let i = 0; i < xs.length; i += 3) {
        const x = xs[i]!;
        worst = Math.max(worst, Math.abs(d[k](x) - exact[k](x)) / (1 + Math.abs(x)));
      }
      expect(worst, k).toBeLessThanOrEqual(2 ** -23);
    }
  });
  test('edge values: ±0 keep their sign, ±Infinity saturate, NaN stays NaN', () => {
    expect(Object.is(tanhf(-0), -0)).toBe(true);
    expect(Object.is(siluf(-0), -0)).toBe(true);
    expect(Object.is(geluTanhf(-0), -0)).toBe(true);
    expect(Object.is(geluf(-0), -0)).toBe(true);
    expect(geluf(Number.POSITIVE_INFINITY)).toBe(Number.POSITIVE_INFINITY);
    expect(geluf(Number.NEGATIVE_INFINITY)).toBeNaN(); // -Infinity * 0, as PyTorch
    expect(Object.is(geluf(-30), -0)).toBe(true);
    expect(geluf(30)).toBe(30);
    expect(tanhf(Number.POSITIVE_INFINITY)).toBe(1);
    expect(tanhf(Number.NEGATIVE_INFINITY)).toBe(-1);
    expect(tanhf(3.4028234663852886e38)).toBe(1);
    expect(siluf(Number.POSITIVE_INFINITY)).toBe(Number.POSITIVE_INFINITY);
    expect(geluTanhf(Number.POSITIVE_INFINITY)).toBe(Number.POSITIVE_INFINITY);
    expect(Object.is(geluTanhf(-1e30), -0)).toBe(true);
    for (const op of [tanhf, siluf, geluTanhf, geluf]) expect(op(Number.NaN)).toBeNaN();
    expect(tanhBackwardf(1, 1)).toBe(0);
    expect(siluBackwardf(1, 0)).toBe(0.5);
    expect(geluTanhBackwardf(2, 0)).toBe(1);
  });
});

describe('WebAssembly kernels equal their JavaScript emulation bit for bit', () => {
  useWasmFromZero();
  const EDGES = [...F32_EDGES, 0.625, -0.6249999, -9.7, 88.7];
  const data = (n: number, seed: number, specials: boolean) => edgeData(n, seed, specials, { edges: EDGES });
  const OPS: [string, (x: Tensor) => Tensor][] = [
    ['tanh', tanh],
    ['silu', silu],
    ["gelu 'tanh'", (x) => gelu(x, { approximate: 'tanh' })],
    ["gelu 'none'", (x) => gelu(x)],
    ['relu', relu],
    ['sigmoid', sigmoid],
  ];
  /** Forward values and the gradient of sum(op(x) * w) (the backward kernel with gradient w), per backend. */
  function run(op: (x: Tensor) => Tensor, x: Float32Array, w: Float32Array, backend: 'wasm' | 'js') {
    setKernelBackend(backend);
    const xt = new Tensor(x, [x.length], 'float32');
    const wt = new Tensor(w, [w.length], 'float32');
    const y = op(xt).data as Float32Array;
    const g = grad((t) => sum(mul(op(t), wt)))(xt).data as Float32Array;
    setKernelBackend('wasm');
    return [y, g] as const;
  }
  for (const [name, op] of OPS) {
    test(`${name}: property over sizes 1..70 with edge values, forward and backward`, () => {
      fc.assert(
        fc.property(
          fc.integer({ min: 1, max: 70 }),
          fc.integer({ min: 0, max: 1000 }),
          fc.boolean(),
          (n, seed, sp) => {
            const x = data(n, seed, sp);
            const w = data(n, seed + 1, sp);
            const [yw, gw] = run(op, x, w, 'wasm');
            const [yj, gj] = run(op, x, w, 'js');
            expectSameBits(yw, yj, `${name} forward`);
            expectSameBits(gw, gj, `${name} backward`);
          },
        ),
        { numRuns: 60 },
      );
    });
    test(`${name}: sizes around the block length (${BLOCK}) and a dense sweep of [-12, 12]`, () => {
      for (const n of [BLOCK - 3, BLOCK + 5, 2 * BLOCK + 1]) {
        const x = data(n, n, true);
        const [yw, gw] = run(op, x, x, 'wasm');
        const [yj, gj] = run(op, x, x, 'js');
        expectSameBits(yw, yj, `${name} forward, n = ${n}`);
        expectSameBits(gw, gj, `${name} backward, n = ${n}`);
      }
      const x = Float32Array.from({ length: 60_001 }, (_, i) => -12 + (24 * i) / 60_000);
      const [yw, gw] = run(op, x, x, 'wasm');
      const [yj, gj] = run(op, x, x, 'js');
      expectSameBits(yw, yj, `${name} forward, sweep`);
      expectSameBits(gw, gj, `${name} backward, sweep`);
    });
  }
  test("gelu 'none': groups of four small lanes (|x| < 1.19, the kernel skips the erfc branch) and mixed groups, with NaN in small groups", () => {
    // x uniform in [-1.3, 1.3): most groups of four all small, the rest mixed; every 37th value NaN or ±0 or a
    // value just either side of the branch bound (|u| = 0.84375, u = x / sqrt 2)
    const bound = 0.84375 * Math.SQRT2;
    const specials = [
      Number.NaN,
      -0,
      0,
      Math.fround(bound),
      Math.fround(-bound),
      Math.fround(bound * (1 - 2 ** -20)),
    ];
    for (const n of [4, 8, 63, 64, 65, 1000, 4099]) {
      const x = new Float32Array(n);
      let s = n;
      for (let i = 0; i < n; i++) {
        s = (Math.imul(s, 1103515245) + 12345) >>> 0;
        x[i] = i % 37 === 5 ? specials[((i / 37) % specials.length) | 0]! : (s / 2 ** 32) * 2.6 - 1.3;
      }
      const [yw, gw] = run((t) => gelu(t), x, x, 'wasm');
      const [yj, gj] = run((t) => gelu(t), x, x, 'js');
      expectSameBits(yw, yj, `gelu forward, n = ${n}`);
      expectSameBits(gw, gj, `gelu backward, n = ${n}`);
    }
  });
  test('double backward still composes differentiable ops (the fused backward only runs without createGraph)', () => {
    const x = new Tensor(Float32Array.from([-1.5, -0.3, 0.2, 2]), [4], 'float32');
    const v = new Tensor(Float32Array.from([1, 1, 1, 1]), [4], 'float32');
    // d2/dx2 tanh = -2 tanh (1 - tanh^2)
    const h = hvp((t) => sum(tanh(t)), x, v).data;
    for (let i = 0; i < 4; i++) {
      const t = Math.tanh(x.data[i]!);
      expect(h[i]).toBeCloseTo(-2 * t * (1 - t * t), 6);
    }
  });
});

describe('softmax and logSoftmax along the last axis: fused float32 forward and backward', () => {
  useWasmFromZero();
  // softmax rows: no +Infinity (an infinite maximum is its own test), no smallest normal
  const SPECIALS = [
    ...F32_EDGES.filter((v) => v !== Number.POSITIVE_INFINITY && v !== 1.1754944e-38),
    -90,
    80,
  ];
  const rows = (R: number, C: number, seed: number, specials: boolean, scale = 40) =>
    edgeData(R * C, seed, specials, { scale, edges: SPECIALS, every: 6, offset: 1, spread: false });
  const run = (
    f: typeof softmax,
    x: Float32Array,
    w: Float32Array,
    R: number,
    C: number,
    backend: 'wasm' | 'js',
  ) => {
    setKernelBackend(backend);
    const xt = new Tensor(x, [R, C], 'float32');
    const wt = new Tensor(w, [R, C], 'float32');
    const y = f(xt, -1).data as Float32Array;
    const g = grad((t) => sum(mul(f(t, -1), wt)))(xt).data as Float32Array;
    setKernelBackend('wasm');
    return [y, g] as const;
  };
  for (const [name, f] of [
    ['softmax', softmax],
    ['logSoftmax', logSoftmax],
  ] as const) {
    test(`${name}: WebAssembly equals JavaScript bit for bit, forward and backward (rows of 1..70, edge values)`, () => {
      fc.assert(
        fc.property(
          fc.integer({ min: 1, max: 9 }),
          fc.integer({ min: 1, max: 70 }),
          fc.integer({ min: 0, max: 1000 }),
          fc.boolean(),
          (R, C, seed, sp) => {
            const x = rows(R, C, seed, sp);
            const w = rows(R, C, seed + 7, false, 4);
            const [yw, gw] = run(f, x, w, R, C, 'wasm');
            const [yj, gj] = run(f, x, w, R, C, 'js');
            expectSameBits(yw, yj, `${name} forward [${R}, ${C}]`);
            expectSameBits(gw, gj, `${name} backward [${R}, ${C}]`);
          },
        ),
        { numRuns: 80 },
      );
      for (const [R, C] of [
        [3, 32_768],
        [64, 1000],
        [5000, 7],
      ] as const) {
        const x = rows(R, C, R + C, true);
        const w = rows(R, C, R, false, 4);
        const [yw, gw] = run(f, x, w, R, C, 'wasm');
        const [yj, gj] = run(f, x, w, R, C, 'js');
        expectSameBits(yw, yj, `${name} forward [${R}, ${C}]`);
        expectSameBits(gw, gj, `${name} backward [${R}, ${C}]`);
      }
    });
    test(`${name}: float32 values and gradients within a few float32 ulps of float64 (rows of 1000)`, () => {
      const R = 16;
      const C = 1000;
      const x = rows(R, C, 3, false, 12);
      const w = rows(R, C, 4, false, 4);
      const [y32, g32] = run(f, x, w, R, C, 'wasm');
      const x64 = new Tensor(Float64Array.from(x), [R, C], 'float64');
      const w64 = new Tensor(Float64Array.from(w), [R, C], 'float64');
      const y64 = f(x64, -1).data;
      const g64 = grad((t) => sum(mul(f(t, -1), w64)))(x64).data;
      let ey = 0;
      let eg = 0;
      let sy = 0;
      let sg = 0;
      for (let i = 0; i < y32.length; i++) {
        ey = Math.max(ey, Math.abs(y32[i]! - y64[i]!));
        eg = Math.max(eg, Math.abs(g32[i]! - g64[i]!));
        sy = Math.max(sy, Math.abs(y64[i]!));
        sg = Math.max(sg, Math.abs(g64[i]!));
      }
      // normwise: the eight float32 partial sums over 1000 terms add well under 2^-17 relative error
      expect(ey / sy).toBeLessThan(2 ** -18);
      expect(eg / sg).toBeLessThan(2 ** -17);
    });
  }
});
