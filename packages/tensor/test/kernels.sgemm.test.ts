import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import {
  add,
  gradients,
  linear,
  matmul,
  mul,
  reshape,
  setKernelBackend,
  sum,
  Tensor,
  transpose,
} from '../src/index';
import { batchedMatmul, SGEMM_MIN_K } from '../src/ops/matmul';
import { setMatmulBudget } from '../src/wasm/matmul';
import { setWasmThreshold } from '../src/wasm/runtime';
import { productCase, storedShape } from './arbitraries';
import { checkGrad, leaf64 } from './gradcheck';

// The float32 matrix product computes in float32 (c = fl(c + fl(a b)) for k = 0..K-1): the WebAssembly SIMD
// kernel and the JavaScript fallback (Math.fround at each step) must agree bit for bit for every layout, and both
// must stay within the sequential-summation error bound of the exact product.

let oldThreshold = 0;
beforeAll(() => {
  oldThreshold = setWasmThreshold(0);
});
afterAll(() => {
  setWasmThreshold(oldThreshold);
  setKernelBackend('wasm');
});

function both<T>(f: () => T): { wasm: T; js: T } {
  setKernelBackend('wasm');
  const wasm = f();
  setKernelBackend('js');
  const js = f();
  setKernelBackend('wasm');
  return { wasm, js };
}

function expectSame(a: Tensor, b: Tensor): void {
  expect(a.shape).toEqual(b.shape);
  for (let i = 0; i < a.size; i++) {
    if (!Object.is(a.data[i], b.data[i])) {
      throw new Error(
        `element ${i} differs: wasm ${a.data[i]} vs js ${b.data[i]} (shape [${a.shape.join(', ')}])`,
      );
    }
  }
}

const SPECIALS = [0, -0, 1e-45, -1e-40, 1.1754942e-38, 3.4028235e38, -3.4028235e38, Infinity, -Infinity, NaN];

/** Seeded float32 data over several magnitudes; with `specials`, every 5th value is an edge value. */
function filled(shape: readonly number[], seed: number, specials = false): Tensor {
  const n = shape.reduce((a, b) => a * b, 1);
  const d = new Float32Array(n);
  let s = seed * 7919 + 1;
  for (let i = 0; i < n; i++) {
    s = (Math.imul(s, 1103515245) + 12345) >>> 0;
    const u = s / 2 ** 32;
    d[i] = specials && i % 5 === 2 ? SPECIALS[(s >>> 7) % SPECIALS.length]! : (u - 0.5) * 2 ** ((i % 7) - 3);
  }
  return new Tensor(d, shape, 'float32');
}

/** Stored shape of op(X) = [r, c] under a transpose flag, with batch dims in front. */

describe('float32 matmul: WebAssembly SIMD equals the Math.fround JavaScript kernel bit for bit', () => {
  test('property: random shapes, both transpose flags, batches, edge values (±0, subnormals, ±Infinity, NaN, float32 max)', () => {
    fc.assert(
      fc.property(
        productCase({ M: [1, 21], K: [SGEMM_MIN_K, 75], N: [1, 21] }, filled),
        ({ a, b, ta, tb }) => {
          const r = both(() => batchedMatmul(a, b, ta, tb));
          expectSame(r.wasm, r.js);
        },
      ),
      { numRuns: 150 },
    );
  });
  test('sizes across the kernel blocks (k steps of 256, rows in steps of 64, panels of 8 columns)', () => {
    for (const [M, K, N] of [
      [67, 300, 35],
      [130, 513, 17],
      [4, 1024, 8],
    ] as const) {
      for (const [ta, tb] of [
        [false, false],
        [true, true],
      ] as const) {
        const a = filled(storedShape([], M, K, ta), M);
        const b = filled(storedShape([], K, N, tb), N);
        const r = both(() => batchedMatmul(a, b, ta, tb));
        expectSame(r.wasm, r.js);
      }
    }
  });
  test('property: 32 columns and more (B stored as is is packed four panels at a time, k outer; the rest panel by panel), edge values', () => {
    fc.assert(
      fc.property(
        productCase({ M: [1, 9], K: [SGEMM_MIN_K, 40], N: [32, 105] }, filled),
        ({ a, b, ta, tb }) => {
          const r = both(() => batchedMatmul(a, b, ta, tb));
          expectSame(r.wasm, r.js);
        },
      ),
      { numRuns: 60 },
    );
  });
  test('small memory budgets: blocks of columns of B and rows of A give the same values', () => {
    for (const bytes of [1, 5000, 40_000]) {
      const old = setMatmulBudget(bytes);
      try {
        for (const [ta, tb] of [
          [false, false],
          [true, false],
          [false, true],
        ] as const) {
          const a = filled(storedShape([2], 37, 50, ta), 3);
          const b = filled(storedShape([], 50, 43, tb), 4);
          expect(50).toBeGreaterThanOrEqual(SGEMM_MIN_K);
          const r = both(() => batchedMatmul(a, b, ta, tb));
          expectSame(r.wasm, r.js);
        }
      } finally {
        setMatmulBudget(old);
      }
    }
  });
  test('transposed operands give what a transpose copy gives', () => {
    const a = filled([9, 40], 5);
    const b = filled([11, 40], 6);
    const direct = batchedMatmul(a, b, false, true);
    const copied = matmul(a, transpose(b));
    expectSame(direct, copied);
    const at = filled([40, 9], 7);
    expectSame(batchedMatmul(at, b, true, true), matmul(transpose(at), transpose(b)));
  });
});

describe('float32 matmul: error bound against the exact (float64) product', () => {
  // Sequential float32 summation of K rounded products: |fl(c) - c| <= gamma_K sum_k |a_ik b_kj|,
  // gamma_K = K u / (1 - K u), u = 2^-24 (Higham, Accuracy and Stability, eq. 3.5), with no underflow.
  test.each(['wasm', 'js'] as const)(
    '%s: every element within gamma_K sum |a b| (K up to 2048)',
    (backend) => {
      setKernelBackend(backend);
      try {
        for (const [M, K, N] of [
          [5, 7, 6],
          [40, 333, 24],
          [16, 2048, 12],
        ] as const) {
          const a = filled([M, K], K);
          const b = filled([K, N], K + 1);
          const c = matmul(a, b);
          const u = 2 ** -24;
          const gamma = (K * u) / (1 - K * u);
          let worst = 0;
          for (let i = 0; i < M; i++) {
            for (let j = 0; j < N; j++) {
              let exact = 0;
              let abs = 0;
              for (let k = 0; k < K; k++) {
                const p = a.data[i * K + k]! * b.data[k * N + j]!;
                exact += p;
                abs += Math.abs(p);
              }
              const err = Math.abs(c.data[i * N + j]! - exact);
              expect(err).toBeLessThanOrEqual(gamma * abs);
              worst = Math.max(worst, err / (gamma * abs));
            }
          }
          // the bound is not vacuous: typical errors are far below it but not zero
          expect(worst).toBeGreaterThan(0);
        }
      } finally {
        setKernelBackend('wasm');
      }
    },
  );
  test(`float32 products with K < ${SGEMM_MIN_K} accumulate in float64 and round once (both backends)`, () => {
    for (const backend of ['wasm', 'js'] as const) {
      setKernelBackend(backend);
      const a = filled([6, 3], 1);
      const b = filled([3, 5], 2);
      const c = matmul(a, b);
      for (let i = 0; i < 6; i++) {
        for (let j = 0; j < 5; j++) {
          let s = 0;
          for (let k = 0; k < 3; k++) s += a.data[i * 3 + k]! * b.data[k * 5 + j]!;
          expect(c.data[i * 5 + j]).toBe(Math.fround(s));
        }
      }
    }
    setKernelBackend('wasm');
  });
  test('float64 tensors keep float64 accumulation (exact for small integers, both layouts)', () => {
    const a = new Tensor(
      Float64Array.from({ length: 12 }, (_, i) => i + 0.5),
      [3, 4],
      'float64',
    );
    const b = new Tensor(
      Float64Array.from({ length: 20 }, (_, i) => i * 0.25),
      [5, 4],
      'float64',
    );
    const t = batchedMatmul(a, b, false, true);
    const c = matmul(a, transpose(b));
    expect(Array.from(t.data)).toEqual(Array.from(c.data));
  });
});

describe('linear(x, weight, bias)', () => {
  test('equals add(matmul(x, transpose(weight)), bias) bit for bit, forward and gradients, both backends', () => {
    for (const backend of ['wasm', 'js'] as const) {
      setKernelBackend(backend);
      try {
        for (const xs of [[7, 19], [2, 3, 19], [19]]) {
          const x1 = filled(xs, 1).setRequiresGrad();
          const w1 = filled([11, 19], 2).setRequiresGrad();
          const b1 = filled([11], 3).setRequiresGrad();
          const x2 = filled(xs, 1).setRequiresGrad();
          const w2 = filled([11, 19], 2).setRequiresGrad();
          const b2 = filled([11], 3).setRequiresGrad();
          const y1 = linear(x1, w1, b1);
          // x of rank > 2 is one [P, in] product (one sum over all rows for the weight's gradient, where a batched
          // matmul would sum per batch matrix, then across)
          const y2 = reshape(add(matmul(reshape(x2, [-1, 19]), transpose(w2)), b2), y1.shape);
          expectSame(y1, y2);
          const g = filled(y1.shape, 9);
          sum(mul(y1, g)).backward();
          sum(mul(y2, g)).backward();
          expectSame(x1.grad!, x2.grad!);
          expectSame(w1.grad!, w2.grad!);
          expectSame(b1.grad!, b2.grad!);
        }
      } finally {
        setKernelBackend('wasm');
      }
    }
  });
  test('the bias added in the product (kernel memory, column blocks, padded panels) equals add() after it, edge values too', () => {
    for (const bytes of [1, 5000, 48 << 20]) {
      const old = setMatmulBudget(bytes);
      try {
        for (const [P, I, O] of [
          [64, 64, 128],
          [37, 50, 43],
          [5, 9, 3],
        ] as const) {
          const x = filled([P, I], 5, true);
          const w = filled([O, I], 6, true);
          const b = filled([O], 7, true);
          const r = both(() => linear(x, w, b));
          expectSame(r.wasm, r.js);
          expectSame(r.wasm, add(matmul(x, transpose(w)), b));
        }
      } finally {
        setMatmulBudget(old);
      }
    }
  });
  test('gradients (and without bias) match central finite differences in float64', () => {
    const x = leaf64([0.3, -1.2, 0.7, 2.1, -0.4, 0.9], [2, 3]);
    const w = leaf64([0.5, -0.1, 0.2, 1.3, 0.8, -0.6, 0.05, 0.4, -0.9, 0.33, 0.12, -0.7], [4, 3]);
    const b = leaf64([0.1, -0.2, 0.3, 0.0], [4]);
    checkGrad((x, w, b) => linear(x!, w!, b!), [x, w, b]);
    checkGrad((x, w) => linear(x!, w!), [x, w]);
  });
  test('double backward equals the composed ops', () => {
    const second = (f: (x: Tensor, w: Tensor) => Tensor) => {
      const x = leaf64([0.3, -1.2, 0.7, 2.1, -0.4, 0.9], [2, 3]);
      const w = leaf64([0.5, -0.1, 0.2, 1.3, 0.8, -0.6], [2, 3]);
      const y = f(x, w);
      const [gx] = gradients(sum(mul(y, y)), [x], { createGraph: true });
      return Array.from(gradients(sum(mul(gx!, gx!)), [w])[0]!.data);
    };
    const fused = second((x, w) => linear(x, w));
    const composed = second((x, w) => matmul(x, transpose(w)));
    for (const [i, v] of fused.entries()) expect(v).toBeCloseTo(composed[i]!, 12);
  });
  test('errors name linear, the argument and what was expected', () => {
    const x = filled([2, 3], 1);
    expect(() => linear(x, filled([4, 5], 2))).toThrow(
      new RangeError('linear: weight must be [out, 3] for x [2, 3], got [4, 5]'),
    );
    expect(() => linear(x, filled([4, 3], 2), filled([3], 3))).toThrow(
      new RangeError('linear: bias must be [4] for weight [4, 3], got [3]'),
    );
    expect(() => linear(filled([], 1), filled([4, 3], 2))).toThrow(
      new RangeError('linear: x must have at least one dimension, got []'),
    );
    expect(() => linear([1, 2] as unknown as Tensor, filled([4, 2], 2))).toThrow(
      new TypeError('linear: x must be a Tensor, got [1, 2]'),
    );
    const w64 = new Tensor(new Float64Array(12), [4, 3], 'float64');
    expect(() => linear(x, w64)).toThrow(
      new TypeError('linear: dtypes differ: x float32, weight float64; convert with cast() first'),
    );
  });
});
