import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import EXP_FIT from '../fixtures/expfCoefficients.json';
import {
  celu,
  elu,
  grad,
  mul,
  setKernelBackend,
  sigmoid,
  silu,
  softmax,
  sum,
  Tensor,
  tanh,
} from '../src/index';
import { EXPF, expf, sigmoidf } from '../src/kernels/expF32x4';
import { setWasmThreshold } from '../src/wasm/runtime';
import { edgeData, expectSameBits, F32_EDGES, ulps, useWasmFromZero } from './arbitraries';

// The float32 exponential of softmax: error bound against Math.exp, and the four-lane WebAssembly kernel equal to
// its Math.fround emulation bit for bit (through softmax, which is where it runs).

describe('expf (float32 exponential of the four-lane kernel)', () => {
  test('within 2 ulp of the correctly rounded e^x across [-104, 89] (normal and subnormal results)', () => {
    let worst = 0;
    for (let i = 0; i <= 400_000; i++) {
      const x = Math.fround(-104 + (193 * i) / 400_000);
      const d = ulps(expf(x), Math.fround(Math.exp(x)));
      worst = Math.max(worst, d);
    }
    expect(worst).toBeLessThanOrEqual(2);
    expect(worst).toBeGreaterThan(0);
  });
  test('edge values: 0 -> 1, -Infinity and below -104 -> 0, above 88.73 -> Infinity, NaN -> NaN', () => {
    expect(expf(0)).toBe(1);
    expect(expf(-0)).toBe(1);
    expect(expf(Number.NEGATIVE_INFINITY)).toBe(0);
    expect(expf(-200)).toBe(0);
    expect(expf(88.8)).toBe(Number.POSITIVE_INFINITY);
    expect(expf(Number.POSITIVE_INFINITY)).toBe(Number.POSITIVE_INFINITY);
    expect(expf(Number.NaN)).toBeNaN();
    expect(expf(-100)).toBeGreaterThan(0); // subnormal, rounded once
    expect(expf(-100)).toBeLessThan(1.2e-38);
  });
});

// The float32 values around the exponential's thresholds: where e^x overflows float32 (88.7228), the clamps of the
// kernels (89, -104, the elu family's -87), where results turn subnormal (-87.3365) or round to 0 (-103.9721),
// where softmax leaves its one-factor scale (x - m >= -86) and where k = round(x log2 e) changes (+-ln2/2).
const f32 = Math.fround;
const THRESHOLDS: number[] = [];
for (const t of [
  88.7228,
  88.72284,
  89,
  88,
  -86,
  -86.5,
  -87,
  -87.33654,
  -88,
  -103.27893,
  -103.97208,
  -104,
  44,
  44.36142, // tanh: 2|x| at the overflow threshold
  -0.3465736,
  Math.LN2,
  -Math.LN2,
  Math.LN2 / 2,
  -Math.LN2 / 2,
])
  for (const d of [-2, -1, 0, 1, 2]) {
    const v = new Float32Array([t]);
    new Int32Array(v.buffer)[0]! += d;
    THRESHOLDS.push(v[0]!);
  }
const EDGES = [...F32_EDGES, ...THRESHOLDS, -3.4028235e38, 3.4028235e38, -1e-45, 1e-45];

describe('expf polynomials', () => {
  test("are scripts/fit_expf.py's (fixtures/expfCoefficients.json), rounded to float32", () => {
    expect(EXPF.p).toEqual(EXP_FIT.exp.map(f32));
    expect(EXPF.q).toEqual(EXP_FIT.expm1.map(f32));
    for (const c of [...EXPF.p, ...EXPF.q]) expect(f32(c)).toBe(c);
  });
  test('within 2 ulp of the correctly rounded e^x on 2^20 float32 values spread over [-104, 89] by bit pattern', () => {
    const u = new Uint32Array(1);
    const v = new Float32Array(u.buffer);
    let worst = 0;
    // negative values: bit patterns 0x80000000 .. bits(-104); positive: 0 .. bits(89), each in 2^19 steps
    for (const [lo, hi] of [
      [0x80000000, 0xc2d00000],
      [0, 0x42b20000],
    ] as const) {
      const step = Math.max(1, Math.floor((hi - lo) / 2 ** 19));
      for (let b = lo; b <= hi; b += step) {
        u[0] = b;
        const x = v[0]!;
        worst = Math.max(worst, ulps(expf(x), f32(Math.exp(x))));
      }
    }
    expect(worst).toBeLessThanOrEqual(2);
    for (const x of THRESHOLDS) expect(ulps(expf(x), f32(Math.exp(x)))).toBeLessThanOrEqual(2);
  });
});

describe('four-lane exponential: WebAssembly equals JavaScript at the thresholds (random values mixed in)', () => {
  useWasmFromZero();
  /** n values: the edge and threshold values in turn, every third a random one (seeded sine hash, |x| < 120). */
  const data = (n: number, seed: number): Float32Array => {
    const d = new Float32Array(n);
    for (let i = 0; i < n; i++)
      d[i] = i % 3 === 2 ? Math.sin((i + seed) * 12.9898) * 120 : EDGES[(i + seed) % EDGES.length]!;
    return d;
  };
  const both = (op: (x: Tensor) => Tensor, x: Tensor, what: string) => {
    setKernelBackend('wasm');
    const a = op(x);
    setKernelBackend('js');
    const b = op(x);
    setKernelBackend('wasm');
    expectSameBits(a.data, b.data, what);
  };
  test('sigmoid, silu, tanh, elu on every threshold value and its neighbours (lengths 1..9, 70, 4099)', () => {
    for (const n of [1, 2, 3, 4, 5, 8, 9, 70, 4099])
      for (const seed of [0, 1, 2]) {
        const x = new Tensor(data(n, seed), [n], 'float32');
        both((t) => sigmoid(t), x, `sigmoid n ${n}`);
        both((t) => silu(t), x, `silu n ${n}`);
        both((t) => tanh(t), x, `tanh n ${n}`);
        both((t) => elu(t), x, `elu n ${n}`);
        // the fused backward (eluBwd: one-factor exponential unless a lane has |s x| > 86), s = 1 and s = 2
        const w = new Tensor(data(n, seed + 7), [n], 'float32');
        both((t) => grad((u) => sum(mul(elu(u), w)))(t), x, `elu backward n ${n}`);
        both((t) => grad((u) => sum(mul(celu(u, 0.5), w)))(t), x, `celu(0.5) backward n ${n}`);
        both((t) => grad((u) => sum(mul(silu(u), w)))(t), x, `silu backward n ${n}`);
      }
  });
  test('softmax rows whose x - m reaches each threshold (both sides of the one-factor path at -86)', () => {
    for (const C of [2, 7, 8, 9, 16, 33])
      for (const t of [...THRESHOLDS.filter((v) => v <= 0), -85.99999, -86.00001, -200, -1e-45]) {
        const d = new Float32Array(3 * C);
        for (let i = 0; i < d.length; i++) d[i] = Math.sin(i * 1.3) * 3;
        d[0] = 10; // row 0: x - m = t at its last element, the others near 0
        d[C - 1] = f32(10 + t);
        d[C] = 0; // row 1: every other element at t
        for (let i = C + 1; i < 2 * C; i += 2) d[i] = t;
        both((x) => softmax(x), new Tensor(d, [3, C], 'float32'), `softmax C ${C} t ${t}`);
      }
  });
});

describe('float32 softmax: WebAssembly (expf four lanes) equals JavaScript bit for bit', () => {
  useWasmFromZero();
  const SPECIALS = [
    ...F32_EDGES.filter((v) => v !== Number.POSITIVE_INFINITY && v !== 1.1754944e-38),
    -90,
    80,
  ];
  test('property: rows of 1..70 with edge values (±0, subnormals, float32 max, -Infinity, NaN)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 9 }),
        fc.integer({ min: 1, max: 70 }),
        fc.integer({ min: 0, max: 1000 }),
        fc.boolean(),
        (R, C, seed, specials) => {
          const d = edgeData(R * C, seed, specials, {
            scale: 40,
            edges: SPECIALS,
            every: 6,
            offset: 1,
            spread: false,
          });
          const x = new Tensor(d, [R, C], 'float32');
          setKernelBackend('wasm');
          const a = softmax(x);
          setKernelBackend('js');
          const b = softmax(x);
          setKernelBackend('wasm');
          expectSameBits(a.data, b.data, `softmax [${R}, ${C}]`);
        },
      ),
      { numRuns: 200 },
    );
  });
});

describe('float32 sigmoid (four lanes, expf)', () => {
  test('within 4 ulp of the correctly rounded sigmoid over [-104, 30], exact 0.5 at ±0, NaN stays NaN', () => {
    let worst = 0;
    for (let i = 0; i <= 200_000; i++) {
      const x = Math.fround(-104 + (134 * i) / 200_000);
      const exact = Math.fround(x >= 0 ? 1 / (1 + Math.exp(-x)) : Math.exp(x) / (1 + Math.exp(x)));
      worst = Math.max(worst, ulps(sigmoidf(x), exact));
    }
    expect(worst).toBeLessThanOrEqual(4);
    expect(sigmoidf(0)).toBe(0.5);
    expect(sigmoidf(-0)).toBe(0.5);
    expect(sigmoidf(Number.POSITIVE_INFINITY)).toBe(1);
    expect(sigmoidf(Number.NEGATIVE_INFINITY)).toBe(0);
    expect(sigmoidf(Number.NaN)).toBeNaN();
  });
  test('WebAssembly equals JavaScript bit for bit (lengths 1..70 and a block and a half, edge values)', () => {
    const old = setWasmThreshold(0);
    try {
      for (const n of [1, 2, 3, 4, 5, 7, 8, 33, 70, 49_153]) {
        const d = new Float32Array(n);
        const specials = [...F32_EDGES, -90, 17];
        for (let i = 0; i < n; i++)
          d[i] = i % 5 === 2 ? specials[i % specials.length]! : Math.sin(i * 1.7) * 30;
        const x = new Tensor(d, [n], 'float32');
        setKernelBackend('wasm');
        const a = sigmoid(x);
        setKernelBackend('js');
        const b = sigmoid(x);
        setKernelBackend('wasm');
        expectSameBits(a.data, b.data, `sigmoid n ${n}`);
      }
    } finally {
      setWasmThreshold(old);
      setKernelBackend('wasm');
    }
  });
});
