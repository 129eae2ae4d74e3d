import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { setKernelBackend, sigmoid, softmax, Tensor } from '../src/index';
import { expf, sigmoidf } from '../src/kernels/expF32x4';
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
