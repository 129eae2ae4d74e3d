import { execFileSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, test, vi } from 'vitest';
import {
  add,
  argmax,
  argmin,
  batchNorm,
  div,
  exp,
  getKernelBackend,
  layerNorm,
  logSoftmax,
  matmul,
  max,
  mean,
  min,
  mul,
  relu,
  setKernelBackend,
  softmax,
  sub,
  sum,
  Tensor,
  variance,
} from '../src/index';
import { sizeOf } from '../src/shape';
import { KERNELS_WASM } from '../src/wasm/kernelsWasm';
import { setMatmulBudget } from '../src/wasm/matmul';
import { NORM_MEMORY, normRuntime } from '../src/wasm/norm';
import { NORM_KERNELS_WASM } from '../src/wasm/normKernelsWasm';
import { setWasmThreshold } from '../src/wasm/runtime';
import { broadcastPairFrom } from './arbitraries';

// Differential tests: every layout the WebAssembly kernels take must give exactly what the JavaScript kernels give
// (which the oracle suites check against PyTorch). The size threshold is 0 here, so even tiny tensors take the
// WebAssembly path; sizes around the block lengths (8192 elements, 16384 for sums) are covered explicitly.

const here = dirname(fileURLToPath(import.meta.url));
let oldThreshold = 0;
beforeAll(() => {
  oldThreshold = setWasmThreshold(0);
});
afterAll(() => {
  setWasmThreshold(oldThreshold);
  setKernelBackend('wasm');
});

/** `f()` computed with the WebAssembly kernels and with the JavaScript kernels. */
function both<T>(f: () => T): { wasm: T; js: T } {
  setKernelBackend('wasm');
  const wasm = f();
  setKernelBackend('js');
  const js = f();
  setKernelBackend('wasm');
  return { wasm, js };
}

/** Element-by-element identity (Object.is: NaN equals NaN, +0 differs from -0). */
function expectSame(a: Tensor, b: Tensor): void {
  expect(a.shape).toEqual(b.shape);
  expect(a.dtype).toBe(b.dtype);
  for (let i = 0; i < a.size; i++) {
    if (!Object.is(a.data[i], b.data[i])) {
      throw new Error(
        `element ${i} differs: wasm ${a.data[i]} vs js ${b.data[i]} (shape [${a.shape.join(', ')}])`,
      );
    }
  }
}

/** A float32 tensor with values spread over many magnitudes and both signs, seeded. */
function filled(shape: readonly number[], seed: number, specials = false): Tensor {
  const n = sizeOf(shape);
  const data = new Float32Array(n);
  const extra = [Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY, -0, 0, 1e-40, -3e38, 3e38];
  for (let i = 0; i < n; i++) {
    const u = Math.sin(seed * 12.9898 + i * 78.233) * 43758.5453;
    const f = u - Math.floor(u);
    data[i] = specials && i % 7 === 3 ? extra[(i + seed) % extra.length]! : (f - 0.45) * 10 ** ((i % 9) - 4);
  }
  return new Tensor(data, [...shape], 'float32');
}

const arith = { add, sub, mul, div } as const;

test('the kernels run: this engine has WebAssembly SIMD, and the backend switch works', () => {
  expect(getKernelBackend()).toBe('wasm');
  expect(setKernelBackend('js')).toBe('wasm');
  expect(getKernelBackend()).toBe('js');
  expect(setKernelBackend('wasm')).toBe('js');
  expect(getKernelBackend()).toBe('wasm');
});

test('setKernelBackend rejects anything but wasm and js, naming the function and the value', () => {
  expect(() => setKernelBackend('gpu' as 'js')).toThrow(
    new TypeError("setKernelBackend: backend must be 'wasm' or 'js', got \"gpu\""),
  );
  expect(getKernelBackend()).toBe('wasm');
});

test('the compiled module is current: regenerating it from scripts/build-wasm.mjs gives the committed files', () => {
  const out = execFileSync(process.execPath, [join(here, '../scripts/build-wasm.mjs'), '--check'], {
    encoding: 'utf8',
  });
  expect(out).toMatch(/up to date/);
  expect(KERNELS_WASM.length).toBeGreaterThan(0);
});

describe('elementwise arithmetic: WebAssembly equals JavaScript bit for bit', () => {
  const layouts: [string, number[], number[]][] = [
    ['equal shapes', [37, 29], [37, 29]],
    ['equal shapes, several blocks, odd length', [3, 8193], [3, 8193]],
    ['tensor and scalar tensor', [1001], []],
    ['scalar tensor and tensor', [], [1001]],
    ['row broadcast', [50, 33], [33]],
    ['row broadcast, row on the left', [7], [9, 7]],
    ['row broadcast, rows longer than a block', [3, 9000], [9000]],
    ['column broadcast', [40, 17], [40, 1]],
    ['column broadcast, column on the left', [5, 1], [5, 11]],
    ['column broadcast, rows longer than a block', [2, 8200], [2, 1]],
    ['rank 3 batch broadcast (merged to a row broadcast)', [4, 6, 10], [10]],
    ['rank 3 general broadcast (JavaScript odometer)', [4, 1, 10], [1, 6, 10]],
  ];
  for (const [name, sa, sb] of layouts) {
    for (const op of Object.keys(arith) as (keyof typeof arith)[]) {
      test(`${op}, ${name}: ${JSON.stringify(sa)} and ${JSON.stringify(sb)}, with NaN, infinities, -0 and subnormals`, () => {
        const a = filled(sa, 1, true);
        const b = filled(sb, 2, true);
        const r = both(() => arith[op](a, b));
        expectSame(r.wasm, r.js);
        // numbers as operands (scalar on either side)
        const s = both(() => arith[op](a, -2.5));
        expectSame(s.wasm, s.js);
        const t = both(() => arith[op](0.75, b));
        expectSame(t.wasm, t.js);
      });
    }
  }

  test('property: random broadcast layouts and sizes', () => {
    const ops = Object.keys(arith) as (keyof typeof arith)[];
    fc.assert(
      fc.property(broadcastPairFrom([1, 2, 3, 4, 5, 7, 16, 33]), fc.constantFrom(...ops), ([sa, sb], op) => {
        const a = filled(sa, 3, true);
        const b = filled(sb, 4, true);
        const r = both(() => arith[op](a, b));
        expectSame(r.wasm, r.js);
      }),
      { numRuns: 300 },
    );
  });

  test('gradients through the WebAssembly kernels equal the JavaScript ones', () => {
    const run = () => {
      const x = filled([24, 40], 5).setRequiresGrad();
      const w = filled([40], 6).setRequiresGrad();
      const y = sum(mul(relu(sub(div(x, add(w, 3)), w)), x));
      y.backward();
      return [y, x.grad!, w.grad!];
    };
    const r = both(run);
    for (let i = 0; i < 3; i++) expectSame(r.wasm[i]!, r.js[i]!);
  });
});

describe('relu and its gradient mask', () => {
  for (const n of [1, 3, 4, 5, 8191, 8192, 8193, 20_001]) {
    test(`length ${n}, with NaN, infinities, -0 and subnormals`, () => {
      const x = filled([n], 7, true);
      const r = both(() => relu(x));
      expectSame(r.wasm, r.js);
      const g = both(() => {
        const v = new Tensor(x.data.slice(), [n], 'float32').setRequiresGrad();
        relu(v).backward(filled([n], 8));
        return v.grad!;
      });
      expectSame(g.wasm, g.js);
    });
  }
});

describe('exp, softmax and logSoftmax: WebAssembly equals JavaScript bit for bit', () => {
  for (const n of [1, 2, 3, 1001, 32_767, 32_768, 40_001]) {
    test(`exp of length ${n}, arguments from -120 to 95 with NaN, infinities and -0`, () => {
      const x = filled([n], 20, true);
      for (let i = 0; i < n; i += 5) x.data[i] = -120 + ((i * 7.31) % 215);
      const r = both(() => exp(x));
      expectSame(r.wasm, r.js);
    });
  }
  const shapes: number[][] = [
    [1024, 1000],
    [7, 1],
    [5, 2],
    [9, 33],
    [3, 32_768],
    [5000, 7],
    [2, 3, 17],
  ];
  for (const shape of shapes) {
    test(`softmax and logSoftmax of ${JSON.stringify(shape)} along the last axis`, () => {
      const x = filled(shape, 21);
      for (const f of [softmax, logSoftmax]) {
        const r = both(() => f(x, { axis: -1 }));
        expectSame(r.wasm, r.js);
      }
    });
  }
  test('rows with an infinite, all-NaN or NaN-containing maximum (left to the JavaScript code)', () => {
    const x = filled([12, 40], 22);
    x.data.fill(Number.POSITIVE_INFINITY, 40, 41);
    x.data.fill(Number.NEGATIVE_INFINITY, 80, 120);
    x.data.fill(Number.NaN, 120, 160);
    x.data[170] = Number.NaN;
    x.data.fill(Number.NEGATIVE_INFINITY, 200, 239);
    for (const f of [softmax, logSoftmax]) {
      const r = both(() => f(x, { axis: -1 }));
      expectSame(r.wasm, r.js);
    }
  });
  test('gradients of logSoftmax and softmax are the same', () => {
    const run = () => {
      const x = filled([30, 100], 23).setRequiresGrad();
      sum(mul(softmax(x, { axis: -1 }), logSoftmax(x, { axis: -1 }))).backward();
      return x.grad!;
    };
    const r = both(run);
    expectSame(r.wasm, r.js);
  });
});

describe('sums and means over contiguous rows: WebAssembly equals JavaScript bit for bit', () => {
  const cases: [number[], number | number[] | undefined][] = [
    [[1000, 1000], undefined],
    [[1000, 1000], -1],
    [[16385], undefined],
    [[3, 40_000], 1],
    [[2, 16384], -1],
    [
      [5, 7, 9],
      [1, 2],
    ],
    [[300, 13], 1],
    [[6000, 3], -1],
    [[31], 0],
    [[7, 0], 1],
    [[1000, 1000], 0],
    [[3, 40_000], 0],
    [[40_000, 3], 0],
    [[5, 7, 9], 0],
    [
      [5, 7, 9],
      [0, 1],
    ],
    [[7, 500, 3], 1],
    [[0, 5], 0],
    [[64, 128], 0],
  ];
  for (const [shape, axis] of cases) {
    test(`sum, mean and variance of ${JSON.stringify(shape)} over ${JSON.stringify(axis ?? 'all')}`, () => {
      const x = filled(shape, 9);
      const opts = axis === undefined ? {} : { axis };
      for (const f of [sum, mean, variance] as const) {
        const r = both(() => f(x, opts));
        expectSame(r.wasm, r.js);
      }
    });
  }
  test('NaN and infinities propagate the same way', () => {
    const x = filled([64, 100], 10, true);
    const r = both(() => sum(x, { axis: -1 }));
    expectSame(r.wasm, r.js);
  });
});

describe('fused batchNorm and layerNorm (forward, statistics and backward): WebAssembly equals JavaScript bit for bit', () => {
  /** Output, input / weight / bias gradients and running statistics of one training forward and backward. */
  function run(
    kind: 'layer' | 'batch',
    shape: number[],
    k: number,
    affine: 'both' | 'weight' | 'none',
    specials: boolean,
    training = true,
  ): Tensor[] {
    const x = filled(shape, 31, specials).setRequiresGrad();
    const pshape = kind === 'layer' ? shape.slice(shape.length - k) : [shape[1]!];
    const w = affine === 'none' ? undefined : filled(pshape, 32).setRequiresGrad();
    const b = affine === 'both' ? filled(pshape, 33).setRequiresGrad() : undefined;
    const up = filled(shape, 34);
    const runningMean = filled([shape[1]!], 35);
    const runningVar = new Tensor(new Float32Array(shape[1]!).fill(0.7), [shape[1]!], 'float32');
    const y =
      kind === 'layer'
        ? layerNorm(x, pshape, { weight: w, bias: b })
        : batchNorm(x, { training, weight: w, bias: b, runningMean, runningVar });
    y.backward(up);
    const out = [y, x.grad!];
    if (w !== undefined) out.push(w.grad!);
    if (b !== undefined) out.push(b.grad!);
    if (kind === 'batch') out.push(runningMean, runningVar);
    return out;
  }
  const cases: ['layer' | 'batch', number[], number][] = [
    ['layer', [8, 768], 1],
    ['layer', [50, 13], 1],
    ['layer', [3, 5, 6], 2],
    ['layer', [9000, 4], 1],
    ['layer', [5, 7], 1],
    ['layer', [2, 40_000], 1],
    ['batch', [32, 16, 8, 8], 0],
    ['batch', [5, 3, 13], 0],
    ['batch', [3, 2, 7, 5], 0],
    ['batch', [2, 5000, 4], 0],
    ['batch', [64, 128], 0],
    ['batch', [37, 7], 0],
    ['batch', [9000, 5], 0],
    ['batch', [5, 4096], 0],
    ['batch', [3, 4097], 0],
    ['batch', [50, 3], 0],
    ['batch', [2, 3, 40_000], 0],
  ];
  for (const [kind, shape, k] of cases) {
    for (const affine of ['both', 'weight', 'none'] as const) {
      test(`${kind} norm of ${JSON.stringify(shape)}, affine ${affine}`, () => {
        const r = both(() => run(kind, shape, k, affine, false));
        for (const [i, t] of r.wasm.entries()) expectSame(t, r.js[i]!);
      });
    }
  }
  test('NaN, infinities and signed zeros propagate the same way', () => {
    for (const [kind, shape, k] of [
      ['layer', [64, 100], 1],
      ['batch', [16, 8, 21], 0],
      ['batch', [40, 21], 0],
    ] as const) {
      const r = both(() => run(kind, [...shape], k, 'both', true));
      for (const [i, t] of r.wasm.entries()) expectSame(t, r.js[i]!);
    }
  });
  test('the kernel memory holds its layout: 25 pages, never grown', () => {
    const rt = normRuntime(1 << 20, { outer: 1, G: 1, inner: 768, perGroup: false });
    expect(rt).not.toBeNull();
    expect(rt!.f32.buffer.byteLength).toBe(NORM_MEMORY);
    expect(NORM_KERNELS_WASM.length).toBeGreaterThan(0);
    // segments shorter than four values or longer than a block stay in JavaScript
    expect(normRuntime(1 << 20, { outer: 1, G: 1, inner: 3, perGroup: false })).toBeNull();
    expect(normRuntime(1 << 20, { outer: 1, G: 1, inner: 40_000, perGroup: false })).toBeNull();
    // batch norm on [N, C]: the channels-last kernels, for 4 to 4096 channels
    expect(normRuntime(1 << 20, { outer: 64, G: 128, inner: 1, perGroup: true })).not.toBeNull();
    expect(normRuntime(1 << 20, { outer: 64, G: 3, inner: 1, perGroup: true })).toBeNull();
    expect(normRuntime(1 << 20, { outer: 64, G: 4097, inner: 1, perGroup: true })).toBeNull();
  });
  test('batch norm in evaluation (given statistics): forward and input gradient', () => {
    for (const shape of [
      [8, 6, 33],
      [30, 6],
    ]) {
      const r = both(() => run('batch', shape, 0, 'both', false, false));
      for (const [i, t] of r.wasm.entries()) expectSame(t, r.js[i]!);
    }
  });
});

describe('max, min, argmax, argmin over contiguous rows: WebAssembly equals JavaScript', () => {
  /** Values with many ties, ±0, and (optionally) NaN at chosen places. */
  function tied(shape: number[], nans: number[]): Tensor {
    const n = sizeOf(shape);
    const data = new Float32Array(n);
    for (let i = 0; i < n; i++)
      data[i] = i % 11 === 4 ? -0 : i % 11 === 9 ? 0 : Math.round(Math.sin(i * 0.9) * 3);
    for (const i of nans) data[i] = Number.NaN;
    return new Tensor(data, shape, 'float32');
  }
  const cases: [string, number[], number | undefined, number[]][] = [
    ['rows of 1000, ties and ±0', [1000, 1000], -1, []],
    ['everything (a row longer than a block)', [1000, 1000], undefined, []],
    ['everything, a NaN in a later block', [70_000], undefined, [50_001, 60_000]],
    ['rows with NaN in a lane other than the first, and in the tail', [40, 23], -1, [5, 27, 46, 47, 90, 114]],
    ['rows shorter than four', [9, 3], -1, [4]],
    ['rows of one', [6, 1], -1, [2]],
    ['a NaN first in its row', [8, 17], 1, [17]],
    ['random values', [257, 129], -1, []],
  ];
  for (const [name, shape, axis, nans] of cases) {
    test(`${name}: ${JSON.stringify(shape)}`, () => {
      const x = name === 'random values' ? filled(shape, 27, true) : tied(shape, nans);
      const opts = axis === undefined ? {} : { axis };
      for (const f of [max, min, argmax, argmin] as const) {
        const r = both(() => f(x, opts));
        expectSame(r.wasm, r.js);
      }
    });
  }
  test('gradients of max and min (routed to the first extreme) are the same', () => {
    const run = () => {
      const x = tied([50, 200], [3]).setRequiresGrad();
      sum(add(max(x, { axis: -1 }), min(x, { axis: -1 }))).backward();
      return x.grad!;
    };
    const r = both(run);
    expectSame(r.wasm, r.js);
  });
});

describe('matmul: WebAssembly equals JavaScript bit for bit (float32 sums in the same order)', () => {
  const cases: [number[], number[]][] = [
    [
      [4, 4],
      [4, 4],
    ],
    [
      [5, 3],
      [3, 6],
    ],
    [
      [64, 128],
      [128, 64],
    ],
    [
      [33, 70],
      [70, 9],
    ],
    [
      [2, 3, 8, 5],
      [5, 7],
    ],
    [
      [3, 6, 5],
      [1, 5, 6],
    ],
    [
      [300, 301],
      [301, 302],
    ],
  ];
  for (const [sa, sb] of cases) {
    test(`${JSON.stringify(sa)} x ${JSON.stringify(sb)}`, () => {
      const a = filled(sa, 11);
      const b = filled(sb, 12);
      const r = both(() => matmul(a, b));
      expectSame(r.wasm, r.js);
    });
  }
  test('blocked: with a small memory budget, B in slabs of columns and A in blocks of rows, the same values', () => {
    for (const [bytes, sa, sb] of [
      [4096, [37, 50], [50, 43]],
      [20_000, [2, 30, 21], [21, 26]],
      [1, [9, 7], [7, 10]],
    ] as const) {
      const old = setMatmulBudget(bytes);
      try {
        const a = filled(sa, 25);
        const b = filled(sb, 26);
        const r = both(() => matmul(a, b));
        expectSame(r.wasm, r.js);
      } finally {
        setMatmulBudget(old);
      }
    }
  });
  test('infinities and NaN in the operands', () => {
    const a = filled([9, 12], 13, true);
    const b = filled([12, 10], 14, true);
    const r = both(() => matmul(a, b));
    expectSame(r.wasm, r.js);
  });
  test('property: random shapes from 4 x 1 x 4 upward', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 4, max: 23 }),
        fc.integer({ min: 1, max: 40 }),
        fc.integer({ min: 4, max: 23 }),
        fc.integer({ min: 1, max: 3 }),
        (M, K, N, batch) => {
          const a = filled([batch, M, K], M + K);
          const b = filled([K, N], N);
          const r = both(() => matmul(a, b));
          expectSame(r.wasm, r.js);
        },
      ),
      { numRuns: 100 },
    );
  });
  test('an MLP step (forward and all gradients) is the same with both kernels', () => {
    const run = () => {
      const x = filled([64, 64], 15);
      const w1 = filled([64, 128], 16).setRequiresGrad();
      const b1 = filled([128], 17).setRequiresGrad();
      const w2 = filled([128, 10], 18).setRequiresGrad();
      const h = relu(add(matmul(x, w1), b1));
      const loss = mean(mul(matmul(h, w2), matmul(h, w2)));
      loss.backward();
      return [loss, w1.grad!, b1.grad!, w2.grad!];
    };
    const r = both(run);
    for (let i = 0; i < 4; i++) expectSame(r.wasm[i]!, r.js[i]!);
  });
});

test('where synchronous compilation is refused (a browser main thread), the module compiles in the background', async () => {
  vi.resetModules();
  const real = (globalThis as unknown as { WebAssembly: Record<string, unknown> }).WebAssembly;
  vi.stubGlobal('WebAssembly', {
    validate: real.validate,
    compile: real.compile,
    instantiate: real.instantiate,
    Instance: real.Instance,
    Module: class {
      constructor() {
        throw new RangeError(
          'WebAssembly.Compile is disallowed on the main thread, if the buffer size is larger than 4KB',
        );
      }
    },
  });
  try {
    const fresh = await import('../src/index');
    expect(fresh.getKernelBackend()).toBe('js');
    const a = new fresh.Tensor(filled([100, 50], 24).data, [100, 50], 'float32');
    const before = fresh.exp(a);
    await vi.waitFor(() => expect(fresh.getKernelBackend()).toBe('wasm'));
    expect(Array.from(fresh.exp(a).data)).toEqual(Array.from(before.data));
  } finally {
    vi.unstubAllGlobals();
    vi.resetModules();
  }
});

test('without WebAssembly the JavaScript kernels run, with the same results', async () => {
  vi.resetModules();
  vi.stubGlobal('WebAssembly', undefined);
  try {
    const fresh = await import('../src/index');
    expect(fresh.getKernelBackend()).toBe('js');
    const a = filled([100, 50], 19);
    const got = fresh.add(new fresh.Tensor(a.data, [100, 50], 'float32'), 1);
    setKernelBackend('js');
    const want = add(a, 1);
    setKernelBackend('wasm');
    expect(Array.from(got.data)).toEqual(Array.from(want.data));
  } finally {
    vi.unstubAllGlobals();
    vi.resetModules();
  }
});
