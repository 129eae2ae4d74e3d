import { describe, expect, test } from 'vitest';
import { erf, erfc, grad, mish, setKernelBackend, sum, Tensor } from '../src/index';
import { erfBackwardf, erfcf, erff, mishBackwardf, mishf, SPECIALF } from '../src/kernels/specialF32';
import { erf64, erfc64 } from '../src/ops/_erf';
import { specialRuntime } from '../src/wasm/special';
import { grid, ulps, useWasmFromZero, worstUlps } from './arbitraries';

// The special-function float32 kernels (erf, erfc, mish; scripts/wasm-special.mjs and their emulation
// src/kernels/specialF32.ts): the documented error bounds against float64. Bit identity of the WebAssembly kernels
// with the emulation, forward and backward, is tested with the other unary ops in test/unary.wasm.test.ts.

const f = Math.fround;
const NORMAL = 2 ** -126;
const signedSmall = Array.from({ length: 40_001 }, (_, i) =>
  f((i % 2 ? -1 : 1) * 2 ** (-60 + (60 * i) / 40_000)),
);
const sig = (z: number) => (z >= 0 ? 1 / (1 + Math.exp(-z)) : Math.exp(z) / (1 + Math.exp(z)));
const tsp = (x: number) => Math.tanh(Math.max(x, 0) + Math.log1p(Math.exp(-Math.abs(x))));
const mish64 = (x: number) => x * tsp(x);
const mishGrad64 = (x: number) => tsp(x) + x * sig(x) * (1 - tsp(x) ** 2);

describe('error bounds against float64', () => {
  test('erf: within 1 ulp on [-12, 12] and near 0', () => {
    expect(worstUlps(erff, erf64, [...grid(-12, 12, 200_000), ...signedSmall])).toBeLessThanOrEqual(1);
  });
  test('erfc: within 5 ulp where normal, within one subnormal ulp below', () => {
    expect(worstUlps(erfcf, erfc64, [...grid(-12, 12, 200_000), ...signedSmall])).toBeLessThanOrEqual(5);
    let sub = 0;
    for (const x of grid(9.3, 10.6, 40_000)) {
      const e = erfc64(x);
      if (e < NORMAL) sub = Math.max(sub, Math.abs(erfcf(x) - e));
    }
    expect(sub).toBeLessThanOrEqual(2 ** -149);
  });
  test("erf's gradient: within 3 + x^2 ulp (e^{-fl(x^2)}, x^2 rounded as in PyTorch's float32 kernel)", () => {
    const c = SPECIALF.twoOverSqrtPi;
    let worst = 0;
    for (const x of grid(-9.5, 9.5, 200_000)) {
      const e = 1.1283791670955126 * Math.exp(-x * x);
      if (e >= NORMAL) worst = Math.max(worst, ulps(erfBackwardf(1, x, c), e) - x * x);
    }
    expect(worst).toBeLessThanOrEqual(3);
    expect(erfBackwardf(1, Number.POSITIVE_INFINITY, c)).toBe(0);
    expect(Object.is(erfBackwardf(1, 11.5, -c), -0)).toBe(true);
  });
  test('mish: within 5 ulp on [-87, 30] (below, the result is subnormal)', () => {
    expect(worstUlps(mishf, mish64, [...grid(-87, 30, 200_000), ...signedSmall])).toBeLessThanOrEqual(5);
  });
  test("mish's gradient: |error| <= 2^-23 (1 + |x|) for a unit gradient (its root near -1.19 rules out ulps)", () => {
    let worst = 0;
    for (const x of [...grid(-40, 40, 200_000), ...signedSmall])
      worst = Math.max(worst, Math.abs(mishBackwardf(1, x) - mishGrad64(x)) / (1 + Math.abs(x)));
    expect(worst).toBeLessThanOrEqual(2 ** -23);
  });
  test('edge values: ±0, ±Infinity, NaN, the branch points', () => {
    expect(Object.is(erff(-0), -0)).toBe(true);
    expect([erff(Number.POSITIVE_INFINITY), erff(Number.NEGATIVE_INFINITY)]).toEqual([1, -1]);
    expect([erfcf(Number.POSITIVE_INFINITY), erfcf(Number.NEGATIVE_INFINITY), erfcf(-0)]).toEqual([0, 2, 1]);
    expect([erfcf(SPECIALF.erfcZero), erfcf(-SPECIALF.erfcZero)]).toEqual([0, 2]);
    expect(mishf(Number.POSITIVE_INFINITY)).toBe(Number.POSITIVE_INFINITY);
    // -inf tanh(softplus(-inf)) = -inf * 0, as in PyTorch
    expect(mishf(Number.NEGATIVE_INFINITY)).toBeNaN();
    expect(mishBackwardf(1, 25)).toBe(1);
    expect(mishf(25)).toBe(25);
    for (const fn of [erff, erfcf, mishf, (x: number) => mishBackwardf(1, x)])
      expect(fn(Number.NaN)).toBeNaN();
  });
});

describe('the ops run the module', () => {
  useWasmFromZero();
  test('the kernels run with the wasm backend, not with the js one; the fused gradients match composed ones', () => {
    setKernelBackend('js');
    expect(specialRuntime(100)).toBeNull();
    setKernelBackend('wasm');
    expect(specialRuntime(100)).not.toBeNull();
    const x = new Tensor(
      Float32Array.from({ length: 100 }, (_, i) => (i - 50) / 9),
      [100],
      'float32',
    );
    for (const [op, d] of [
      [erf, (v: number) => 1.1283791670955126 * Math.exp(-v * v)],
      [erfc, (v: number) => -1.1283791670955126 * Math.exp(-v * v)],
      [mish, mishGrad64],
    ] as const) {
      const g = grad((t) => sum(op(t)))(x).data;
      for (let i = 0; i < 100; i++)
        expect(Math.abs(g[i]! - d(x.data[i]!))).toBeLessThan(3e-7 * (1 + Math.abs(x.data[i]!)));
    }
  });
});
