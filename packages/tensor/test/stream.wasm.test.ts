import { describe, expect, test } from 'vitest';
import {
  add,
  logSoftmax,
  mul,
  relu,
  softmax,
  softmaxCrossEntropy,
  sub,
  sum,
  type Tensor,
  tensor,
} from '../src/index';
import { both, expectSameTensor as expectSame, rng, useWasmFromZero } from './arbitraries';

// Differential tests of the data path of the memory-bound float32 ops and of the softmax rows' exponential
// (issue 15): the WebAssembly kernels must give the JavaScript kernels' values bit for bit. The softmax kernel takes
// a shorter exponential (no clamps, the power of two as one factor) on rows whose smallest x - m is at least -86,
// the full one elsewhere: rows on both sides of that bound, with NaN, ±0, subnormals and float32 extremes, at every
// row length around the groups of 4, 8 and 16.

useWasmFromZero();

/**
 * Rows of C values: row r has values m - spread * u (u uniform) around an offset, with spread chosen so that rows
 * fall below, at and above the fast path's bound of 86 (some exactly at it), and special values planted.
 */
function rows(R: number, C: number, seed: number): Tensor {
  const u = rng(seed);
  const data = new Float32Array(R * C);
  const spreads = [0, 1, 10, 85.9, 86, 86.1, 87.5, 100, 104, 150, 1e3];
  for (let r = 0; r < R; r++) {
    const spread = spreads[r % spreads.length]!;
    const offset = (u() - 0.5) * (r % 3 === 0 ? 1e4 : 20);
    for (let c = 0; c < C; c++) data[r * C + c] = offset - spread * u();
    // the row's maximum at offset, its minimum exactly offset - spread (when both fit in the row)
    data[r * C + Math.floor(u() * C)] = offset;
    if (C > 1) data[r * C + Math.floor(u() * C)] = offset - spread;
  }
  return tensor(data, { shape: [R, C] });
}

const LENGTHS = [1, 2, 3, 4, 5, 7, 8, 9, 15, 16, 17, 23, 24, 31, 32, 33, 47, 63, 64, 65, 100, 1000];

describe('softmax and logSoftmax rows: WebAssembly equals JavaScript bit for bit on both exponential paths', () => {
  for (const C of LENGTHS) {
    test(`rows of ${C}, spreads from 0 to 1000 around the bound of 86`, () => {
      const x = rows(44, C, C);
      for (const f of [softmax, logSoftmax]) {
        const r = both(() => f(x));
        expectSame(r.wasm, r.js, `${f.name} C=${C}`);
      }
    });
  }
  test('NaN (also with other payloads) in rows with a finite maximum, on the short path and the full one', () => {
    for (const C of [8, 13, 16, 40]) {
      const x = rows(22, C, 100 + C);
      const bits = new Uint32Array(x.data.buffer);
      const nans = [0x7fc00000, 0xffc00000, 0x7fc00001, 0x7f8001ff, 0xffffffff, 0x7fa00000];
      for (let r = 0; r < 22; r++) {
        bits[r * C + ((r * 5) % C)] = nans[r % nans.length]!;
      }
      for (const f of [softmax, logSoftmax]) {
        const r = both(() => f(x));
        expectSame(r.wasm, r.js, `${f.name} NaN C=${C}`);
      }
    }
  });
  test('±0, subnormals, float32 max and results that underflow to subnormals and zero', () => {
    const C = 24;
    const specials = [
      0, -0, 1e-45, -1e-45, 1.1754942e-38, 3.4028235e38, -3.4028235e38, -87.3, -103.9, -104.1, -150,
    ];
    const x = new Float32Array(12 * C);
    for (let r = 0; r < 12; r++) {
      for (let c = 0; c < C; c++)
        x[r * C + c] = specials[(r + c * 7) % specials.length]! * (r < 6 ? 1 : 1e-3);
    }
    const t = tensor(x, { shape: [12, C] });
    for (const f of [softmax, logSoftmax]) {
      const r = both(() => f(t));
      expectSame(r.wasm, r.js, `${f.name} specials`);
    }
  });
  test('the short path and the full one give the same values: the bound is not visible in the results', () => {
    // one row straddling the bound: [0, -85.9 .. -86.1] computed alone and with a far value that forces the full path
    const near = Float32Array.from({ length: 32 }, (_, i) => -86 + (i - 16) * 0.0125);
    near[0] = 0;
    const alone = softmax(tensor(near, { shape: [1, 32] }));
    const forced = Float32Array.from([...near, -1000]);
    const full = softmax(tensor(forced, { shape: [1, 33] }));
    // e^-1000 adds nothing to the float32 sum, so the shared elements must agree bit for bit
    for (let i = 0; i < 32; i++) expect(Object.is(full.data[i], alone.data[i])).toBe(true);
  });
});

describe('elementwise data path: WebAssembly equals JavaScript bit for bit, pooled outputs reused safely', () => {
  test('add, sub and relu over lengths around the block size, results disposed and recomputed', () => {
    for (const n of [1, 3, 4, 5, 31, 32_767, 32_768, 32_769, 100_003]) {
      const u = rng(n);
      const a = tensor(Float32Array.from({ length: n }, () => (u() - 0.5) * 10));
      const b = tensor(Float32Array.from({ length: n }, () => (u() - 0.5) * 10));
      for (let k = 0; k < 3; k++) {
        const s = both(() => add(a, b));
        expectSame(s.wasm, s.js, `add n=${n}`);
        const d = both(() => sub(a, b));
        expectSame(d.wasm, d.js, `sub n=${n}`);
        const r = both(() => relu(a));
        expectSame(r.wasm, r.js, `relu n=${n}`);
        // a disposed result's buffer is reused by the next call: the kept results must not change
        const keep = Float32Array.from(s.wasm.data);
        for (const t of [d.wasm, d.js, r.wasm, r.js]) t.dispose();
        const again = add(b, a);
        expect(Array.from(s.wasm.data)).toEqual(Array.from(keep));
        again.dispose();
        s.wasm.dispose();
        s.js.dispose();
      }
    }
  });
});

describe('softmaxCrossEntropy float32 kernels (four rows a time): WebAssembly equals JavaScript bit for bit', () => {
  /** Loss and gradient of `softmaxCrossEntropy(x, t, options)` (float32 logits). */
  function lossAndGrad(
    x: Float32Array,
    N: number,
    C: number,
    t: Int32Array,
    options: Parameters<typeof softmaxCrossEntropy>[2],
  ): { loss: Tensor; grad: Tensor } {
    const xt = tensor(x, { shape: [N, C], requiresGrad: true });
    const loss = softmaxCrossEntropy(xt, tensor(t, { dtype: 'int32' }), options);
    const reduced =
      options?.reduction === 'none'
        ? sum(mul(loss, tensor(Float32Array.from({ length: N }, (_, i) => 1 + i / N))))
        : loss;
    reduced.backward();
    return { loss, grad: xt.grad! };
  }
  const shapes: [number, number][] = [
    [1, 10],
    [3, 10],
    [5, 7],
    [64, 10],
    [7, 1],
    [9, 33],
    [130, 3],
    [6, 1000],
    [3, 8192],
    [2, 8193],
    [3000, 10],
  ];
  for (const [N, C] of shapes) {
    test(`[${N}, ${C}]: every option combination, logits spread around the short path's bound`, () => {
      const x = rows(N, C, N * 31 + C).data as Float32Array;
      const u = rng(N + C);
      const t = Int32Array.from({ length: N }, () => Math.floor(u() * C));
      if (N > 2) t[1] = -100;
      const w = tensor(Float32Array.from({ length: C }, () => 0.25 + u()));
      for (const labelSmoothing of [0, 0.1, 1]) {
        for (const reduction of ['mean', 'sum', 'none'] as const) {
          for (const weight of [undefined, w]) {
            const opts = { labelSmoothing, reduction, weight };
            const r = both(() => lossAndGrad(x, N, C, t, opts));
            const what = `[${N}, ${C}] ${JSON.stringify({ labelSmoothing, reduction, weighted: weight !== undefined })}`;
            expectSame(r.wasm.loss, r.js.loss, `${what} loss`);
            expectSame(r.wasm.grad, r.js.grad, `${what} gradient`);
          }
        }
      }
    });
  }
  test('rows with NaN, infinities, ±0, subnormals and float32 extremes', () => {
    const C = 12;
    const N = 16;
    const specials = [
      Number.NaN,
      Number.POSITIVE_INFINITY,
      Number.NEGATIVE_INFINITY,
      0,
      -0,
      1e-45,
      3.4028235e38,
      -3.4028235e38,
      1e4,
      -1e4,
    ];
    const x = rows(N, C, 5).data as Float32Array;
    for (let n = 0; n < N; n++) x[n * C + ((n * 5) % C)] = specials[n % specials.length]!;
    for (let c = 0; c < C; c++) x[15 * C + c] = Number.NEGATIVE_INFINITY;
    const t = Int32Array.from({ length: N }, (_, n) => (n * 7) % C);
    for (const labelSmoothing of [0, 0.2]) {
      const r = both(() => lossAndGrad(x, N, C, t, { labelSmoothing, reduction: 'none' }));
      expectSame(r.wasm.loss, r.js.loss, `specials ${labelSmoothing} loss`);
      expectSame(r.wasm.grad, r.js.grad, `specials ${labelSmoothing} gradient`);
    }
  });
  test('float32 loss and gradient within float32 rounding of the float64 ones (same logits)', () => {
    for (const [N, C] of [
      [64, 10],
      [16, 1000],
    ] as const) {
      const x = rows(N, C, 77).data as Float32Array;
      const t = Int32Array.from({ length: N }, (_, n) => (n * 3) % C);
      for (const labelSmoothing of [0, 0.1]) {
        const f32 = lossAndGrad(x, N, C, t, { labelSmoothing });
        const x64 = tensor(Float64Array.from(x), { shape: [N, C], requiresGrad: true });
        const l64 = softmaxCrossEntropy(x64, tensor(t, { dtype: 'int32' }), { labelSmoothing });
        l64.backward();
        const g64 = x64.grad!.data;
        const L = l64.item();
        const loss = f32.loss.item();
        expect(Math.abs(loss - L)).toBeLessThanOrEqual(2 ** -21 * Math.max(1, Math.abs(L)));
        let scale = 0;
        for (let i = 0; i < g64.length; i++) scale = Math.max(scale, Math.abs(g64[i]!));
        for (let i = 0; i < g64.length; i++) {
          expect(Math.abs(f32.grad.data[i]! - g64[i]!)).toBeLessThanOrEqual(2 ** -20 * scale);
        }
      }
    }
  });
});
