import { describe, expect, test } from 'vitest';
import { cos, sin, Tensor } from '../src/index';
import { cosf, sinf, TRIGF } from '../src/kernels/trigF32';
import { both, edgeData, expectSameTensor, grid, ulps, useWasmFromZero } from './arbitraries';

// The float32 sine and cosine (Cephes sinf / cosf; scripts/wasm-trig.mjs, emulated by src/kernels/trigF32.ts): the
// documented error bounds against float64, and the kernels' hand-off of |x| > 8192 to Math.sin / Math.cos. Bit
// identity of the WebAssembly kernels with the emulation on the usual sizes and edge values is tested with the
// other unary ops in test/unary.wasm.test.ts.

const f = Math.fround;

describe('error bounds against float64', () => {
  test('within 1 ulp for |x| <= 100 (where the result is normal)', () => {
    let worst = 0;
    for (const x of [...grid(-100, 100, 200_000), ...grid(-1e-3, 1e-3, 20_000)]) {
      for (const [mine, exact] of [
        [sinf(x), Math.sin(x)],
        [cosf(x), Math.cos(x)],
      ] as const) {
        if (Math.abs(exact) >= 2 ** -126) worst = Math.max(worst, ulps(mine, exact));
      }
    }
    expect(worst).toBeLessThanOrEqual(1);
  });
  test('an absolute error below 2^-23 up to |x| = 8192 (the reduction of pi/4 in three parts)', () => {
    let worst = 0;
    for (const x of grid(-8192, 8192, 200_000)) {
      worst = Math.max(worst, Math.abs(sinf(x) - Math.sin(x)), Math.abs(cosf(x) - Math.cos(x)));
    }
    expect(worst).toBeLessThanOrEqual(2 ** -23);
  });
  test('edge values: ±0, subnormals, pi, beyond the limit, ±Infinity, NaN', () => {
    expect(Object.is(sinf(-0), -0)).toBe(true);
    expect([sinf(0), cosf(0), cosf(-0)]).toEqual([0, 1, 1]);
    expect(sinf(-1e-45)).toBe(f(-1e-45));
    expect(sinf(f(Math.PI))).toBe(f(Math.sin(f(Math.PI))));
    for (const x of [TRIGF.limit * 1.5, -1e30, 3.4028235e38])
      expect([sinf(x), cosf(x)]).toEqual([f(Math.sin(x)), f(Math.cos(x))]);
    for (const x of [Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY, Number.NaN]) {
      expect(sinf(x)).toBeNaN();
      expect(cosf(x)).toBeNaN();
    }
  });
});

describe('WebAssembly equals JavaScript bit for bit, lanes past the limit included', () => {
  useWasmFromZero();
  test('inputs up to 3e4 (a third of the lanes past 8192), in and out of blocks', () => {
    for (const n of [70, 5000, 40_000]) {
      const d = edgeData(n, n, true, { scale: 500 });
      const x = new Tensor(d, [n], 'float32');
      for (const op of [sin, cos]) {
        const r = both(() => op(x));
        expectSameTensor(r.wasm, r.js, `${op.name} n=${n}`);
      }
    }
  });
});
