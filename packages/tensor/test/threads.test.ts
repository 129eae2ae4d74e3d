import { execFileSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import {
  getNumThreads,
  gradients,
  linear,
  matmul,
  setKernelBackend,
  setNumThreads,
  sum,
  Tensor,
  tensor,
} from '../src/index';
import { batchedMatmul, SGEMM_MIN_K } from '../src/ops/matmul';
import { setParallelMin } from '../src/threads/hook';
import { parallelProducts, threadsFault, threadsReady } from '../src/threads/setNumThreads';
import { setWasmThreshold } from '../src/wasm/runtime';
import { productCase, storedShape } from './arbitraries';

// Large float32 products split across worker threads (setNumThreads) must give the one-thread values bit for bit:
// each element is the same float32 sum in the same order, whatever thread computes its rows.

const here = dirname(fileURLToPath(import.meta.url));
const SPECIALS = [0, -0, 1e-45, -1e-40, 3.4028235e38, -3.4028235e38, Infinity, -Infinity, NaN];

function filled(shape: readonly number[], seed: number, specials = false): Tensor {
  const n = shape.reduce((a, b) => a * b, 1);
  const d = new Float32Array(n);
  let s = seed * 7919 + 1;
  for (let i = 0; i < n; i++) {
    s = (Math.imul(s, 1103515245) + 12345) >>> 0;
    const u = s / 2 ** 32;
    d[i] = specials && i % 7 === 3 ? SPECIALS[(s >>> 7) % SPECIALS.length]! : (u - 0.5) * 2 ** ((i % 5) - 2);
  }
  return new Tensor(d, shape, 'float32');
}

function expectSame(a: Tensor, b: Tensor): void {
  expect(a.shape).toEqual(b.shape);
  for (let i = 0; i < a.size; i++) {
    if (!Object.is(a.data[i], b.data[i])) {
      throw new Error(
        `element ${i} differs: threads ${a.data[i]} vs one thread ${b.data[i]} ([${a.shape.join(', ')}])`,
      );
    }
  }
}

describe('setNumThreads / getNumThreads', () => {
  test('one thread by default', () => {
    expect(getNumThreads()).toBe(1);
  });
  test('strict input: an integer in [1, 64]', () => {
    expect(() => setNumThreads('2' as unknown as number)).toThrow(
      new TypeError('setNumThreads: n must be an integer in [1, 64], got "2"'),
    );
    for (const bad of [0, 1.5, 65, -1, Number.NaN, Number.POSITIVE_INFINITY]) {
      expect(() => setNumThreads(bad)).toThrow(RangeError);
    }
    expect(() => setNumThreads(0)).toThrow('setNumThreads: n must be an integer in [1, 64], got 0');
    expect(getNumThreads()).toBe(1);
  });
});

describe('float32 matmul on threads equals one thread bit for bit', () => {
  let oldMin = 0;
  let oldThreshold = 0;
  beforeAll(async () => {
    oldMin = setParallelMin(0);
    oldThreshold = setWasmThreshold(0);
    expect(setNumThreads(3)).toBe(1);
    expect(getNumThreads()).toBe(3);
    await threadsReady();
  });
  afterAll(() => {
    setNumThreads(1);
    setParallelMin(oldMin);
    setWasmThreshold(oldThreshold);
    setKernelBackend('wasm');
  });
  /** The product with the pool, then on one thread (the pool off). */
  function both<T>(f: () => T): { threads: T; one: T } {
    const before = parallelProducts();
    const threads = f();
    expect(parallelProducts()).toBeGreaterThan(before);
    const old = setParallelMin(Number.POSITIVE_INFINITY);
    const one = f();
    setParallelMin(old);
    return { threads, one };
  }

  test('property: random shapes (rows not a multiple of 4, columns not of 8), transposes, batches, ±0, subnormals, ±Infinity, NaN', () => {
    fc.assert(
      fc.property(
        productCase({ M: [5, 41], K: [SGEMM_MIN_K, 70], N: [1, 27] }, filled),
        ({ a, b, ta, tb }) => {
          const r = both(() => batchedMatmul(a, b, ta, tb));
          expectSame(r.threads, r.one);
        },
      ),
      { numRuns: 80 },
    );
  });
  test('sizes across the kernel blocks (k steps of 256, rows in steps of 64 per thread) equal the JavaScript kernel too', () => {
    for (const [M, K, N] of [
      [203, 300, 35],
      [130, 513, 17],
      [9, 1024, 8],
    ] as const) {
      for (const [ta, tb] of [
        [false, false],
        [true, true],
        [true, false],
        [false, true],
      ] as const) {
        const a = filled(storedShape([], M, K, ta), M);
        const b = filled(storedShape([], K, N, tb), N);
        const r = both(() => batchedMatmul(a, b, ta, tb));
        expectSame(r.threads, r.one);
        setKernelBackend('js');
        const js = batchedMatmul(a, b, ta, tb);
        setKernelBackend('wasm');
        expectSame(r.threads, js);
      }
    }
  });
  test('rows split into blocks the threads claim one at a time (4 to 64 rows, a short last block; 8 rows: two threads of three) equal one thread', () => {
    // 3 threads: blocks of min(64, 4 ceil(M / 48)) rows, e.g. M = 300: 28-row blocks, the last of 20
    for (const M of [8, 9, 63, 64, 65, 127, 193, 300, 770]) {
      for (const [ta, tb] of [
        [false, false],
        [true, true],
      ] as const) {
        const a = filled(storedShape([], M, 24, ta), M, M % 2 === 1);
        const b = filled(storedShape([], 24, 20, tb), 7, true);
        const r = both(() => batchedMatmul(a, b, ta, tb));
        expectSame(r.threads, r.one);
      }
    }
  });
  test('B packed in chunks of 64 columns that the threads claim (several chunks, a short last one, columns not a multiple of 8) and C copied out block by block equal one thread', () => {
    for (const [M, K, N] of [
      [70, 40, 65],
      [130, 33, 200],
      [257, 20, 521],
      [12, 300, 129],
    ] as const) {
      for (const [ta, tb] of [
        [false, false],
        [true, true],
        [false, true],
      ] as const) {
        const a = filled(storedShape([], M, K, ta), M + N, true);
        const b = filled(storedShape([], K, N, tb), K + N);
        const r = both(() => batchedMatmul(a, b, ta, tb));
        expectSame(r.threads, r.one);
      }
    }
  });
  test('workers that fail after claiming a chunk of B or a block of rows: the calling thread packs B again or computes the rows left undone, with the same values, and the pool works on', () => {
    // a new B each time, so that a chunk or a block left as an earlier product wrote it gives other values
    const a = filled([200, 300], 11);
    const oneThread = (b: Tensor) => {
      const old = setParallelMin(Number.POSITIVE_INFINITY);
      const y = batchedMatmul(a, b, false, false);
      setParallelMin(old);
      return y;
    };
    let seed = 100;
    for (const [code, key] of [
      [1, 'repacked'],
      [2, 'recomputed'],
    ] as const) {
      const before = threadsFault(code)[key];
      let after = before;
      // with the hook on, the calling thread leaves the work to the workers until one has failed: one product
      // reaches the recovery (a few more, should a worker be slow to start)
      for (let i = 0; i < 3 && after === before; i++) {
        const b = filled([300, 520], seed++);
        expectSame(batchedMatmul(a, b, false, false), oneThread(b));
        after = threadsFault(code)[key];
      }
      threadsFault(0);
      expect(after).toBeGreaterThan(before);
    }
    const b = filled([300, 520], seed);
    const r = both(() => batchedMatmul(a, b, false, false));
    expectSame(r.threads, r.one);
  });
  test('linear and the gradients of a product (transposed operands) are identical on threads', () => {
    const x = filled([70, 48], 1);
    const w = filled([33, 48], 2);
    const bias = filled([33], 3);
    const run = () => {
      const xs = tensor(x.data, { shape: x.shape, requiresGrad: true });
      const ws = tensor(w.data, { shape: w.shape, requiresGrad: true });
      const y = linear(xs, ws, bias);
      const z = matmul(y, filled([33, 20], 4));
      const [gx, gw] = gradients(sum(z), [xs, ws]);
      return [y, z, gx!, gw!];
    };
    const r = both(run);
    for (let i = 0; i < 4; i++) expectSame(r.threads[i]!, r.one[i]!);
  });
  test('only WebAssembly runs on threads: the JavaScript backend never hands out a product', () => {
    const a = filled([64, 64], 5);
    setKernelBackend('js');
    const before = parallelProducts();
    matmul(a, a);
    expect(parallelProducts()).toBe(before);
    setKernelBackend('wasm');
  });
});

describe('worker lifecycle', () => {
  test('a Node process with threads on exits by itself, and setNumThreads(1) stops the workers', async () => {
    const out = await build({
      stdin: {
        contents: `
          import { getNumThreads, matmul, ones, setNumThreads } from './src/index';
          import { parallelProducts, threadsReady } from './src/threads/setNumThreads';
          setNumThreads(4);
          setNumThreads(1);
          setNumThreads(2);
          await threadsReady();
          const c = matmul(ones([256, 300]), ones([300, 200]));
          console.log(JSON.stringify({ n: getNumThreads(), products: parallelProducts(), c: c.data[0] }));
        `,
        resolveDir: join(here, '..'),
        sourcefile: 'lifecycle.ts',
        loader: 'ts',
      },
      bundle: true,
      write: false,
      format: 'esm',
      platform: 'node',
      conditions: ['@dl/source'],
      logLevel: 'silent',
    });
    const t0 = Date.now();
    const stdout = execFileSync(process.execPath, ['--input-type=module'], {
      input: out.outputFiles[0]!.text,
      timeout: 30_000,
      encoding: 'utf8',
    });
    expect(JSON.parse(stdout)).toEqual({ n: 2, products: 1, c: 300 });
    // no worker kept it alive (a hang would take the 30 s timeout)
    expect(Date.now() - t0).toBeLessThan(15_000);
  });
});
