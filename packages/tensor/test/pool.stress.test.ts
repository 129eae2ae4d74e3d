// The buffer pool never hands out a buffer that something can still read: random autograd programs (random
// graphs, repeated backward with and without retainGraph, gradients(), views and reshapes sharing storage,
// detach, dispose, tidy) run with recycling on and poison mode on (every buffer given back is filled with NaN),
// and every tensor the program keeps must hold, after every action, exactly the values it had when made; the
// gradients must equal those of the same program with recycling off, bit for bit.
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import {
  add,
  bufferPoolStats,
  clearBufferPool,
  concat,
  configureBufferPool,
  dropout,
  gradients,
  layerNorm,
  linear,
  logSoftmax,
  matmul,
  mean,
  mul,
  relu,
  reshape,
  sigmoid,
  softmaxCrossEntropy,
  sub,
  sum,
  type Tensor,
  tanh,
  tensor,
  tidy,
  transpose,
} from '../src';

/** mulberry32: a small seeded generator for the programs. */
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const R = 6;
const C = 8;

interface Kept {
  t: Tensor;
  values: Float64Array;
  what: string;
}

/** One random program; returns every gradient it computed (flattened, in order) and checks the kept tensors. */
function program(seed: number, dtype: 'float32' | 'float64'): number[][] {
  const rand = rng(seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)]!;
  const kept: Kept[] = [];
  const keep = (t: Tensor, what: string): Tensor => {
    kept.push({ t, values: Float64Array.from(t.data), what });
    return t;
  };
  const check = (when: string) => {
    for (const k of kept) {
      if (k.t.isDisposed) continue;
      const d = k.t.data;
      for (let i = 0; i < d.length; i++) {
        if (!Object.is(d[i], k.values[i])) {
          throw new Error(
            `seed ${seed}, after ${when}: kept ${k.what} changed at ${i}: ${d[i]} (was ${k.values[i]})`,
          );
        }
      }
    }
  };
  const data = (n: number) => Array.from({ length: n }, () => Math.round((rand() * 2 - 1) * 64) / 32);
  const leaf = (shape: number[], grad: boolean) =>
    keep(
      tensor(Float64Array.from(data(shape.reduce((a, b) => a * b, 1))), { shape, dtype, requiresGrad: grad }),
      'leaf',
    );
  const w = leaf([C, C], true);
  const b = leaf([C], true);
  const x = leaf([R, C], rand() < 0.5);
  const g = leaf([C], true);
  const targets = tensor(
    Array.from({ length: R }, () => Math.floor(rand() * C)),
    { dtype: 'int32' },
  );
  const grads: number[][] = [];
  const build = (): Tensor => {
    let h = pick([() => linear(x, w, b), () => add(matmul(x, transpose(w)), b), () => mul(x, b)])();
    const steps = 2 + Math.floor(rand() * 6);
    for (let s = 0; s < steps; s++) {
      const op = pick([
        () => tanh(h),
        () => sigmoid(h),
        () => relu(h),
        () => add(h, mul(h, h)),
        () => add(tanh(h), sigmoid(h)), // add's backward gives both inputs the same gradient tensor
        () => sub(h, reshape(b, [1, C])),
        () => linear(h, w),
        () => reshape(transpose(reshape(h, [R, C])), [R, C]),
        () => layerNorm(h, [C], { weight: g }),
        () => dropout(h, { p: 0.25, seed: Math.floor(rand() * 1000) }),
        () => logSoftmax(h, -1),
        () => {
          const v = reshape(h, [R * C]); // a view sharing h's buffer, kept by the program
          keep(v, 'view');
          return reshape(mul(v, 0.5), [R, C]);
        },
        () => {
          const d = h.detach(); // shares h's buffer; no graph
          keep(d, 'detached');
          return add(h, d);
        },
        () => mean(reshape(concat([h, h], 0), [2, R, C]), 0),
      ]);
      h = op();
      if (rand() < 0.3) keep(h, 'intermediate');
    }
    // losses whose backward hands the seed on as it is (reshape's view, add's identical shapes) or not
    return pick([
      () => softmaxCrossEntropy(h, targets),
      () => sum(mul(h, h)),
      () => reshape(add(sum(h), sum(mul(h, 0.5))), [1]),
    ])();
  };
  const leaves = [w, b, g, ...(x.requiresGrad ? [x] : [])];
  const recordGrads = () => {
    for (const t of leaves) {
      if (t.grad !== null) {
        keep(t.grad, 'grad');
        grads.push(Array.from(t.grad.data));
      }
    }
  };
  const actions = 6 + Math.floor(rand() * 6);
  for (let a = 0; a < actions; a++) {
    const kind = pick(['backward', 'retain', 'gradients', 'tidy', 'dispose']);
    if (kind === 'backward') {
      for (const t of leaves) t.zeroGrad();
      build().backward();
      recordGrads();
    } else if (kind === 'retain') {
      const loss = keep(build(), 'loss');
      const times = 2 + Math.floor(rand() * 2);
      for (let i = 0; i < times; i++) {
        loss.backward(undefined, { retainGraph: i < times - 1 || rand() < 0.5 });
        check(`retained backward ${i}`);
      }
      recordGrads();
    } else if (kind === 'gradients') {
      const out = gradients(build(), leaves, { retainGraph: rand() < 0.5, allowUnused: true });
      for (const t of out) {
        keep(t, 'gradients()');
        grads.push(Array.from(t.data));
      }
    } else if (kind === 'tidy') {
      const result = tidy(() => {
        for (const t of leaves) t.zeroGrad();
        const loss = build();
        loss.backward();
        return { loss, extra: keep(mul(x, 2), 'returned from tidy') };
      });
      keep(result.loss, 'tidy result');
      recordGrads();
    } else {
      // dispose a few of the tensors the program made (never a leaf): they may go back to the pool
      const h = build();
      const y = keep(tanh(h), 'not disposed');
      h.backward();
      recordGrads();
      const victims = kept.filter((k) => k.what === 'intermediate' || k.what === 'view' || k.what === 'loss');
      for (let i = 0; i < 3 && victims.length > 0; i++) {
        const v = victims.splice(Math.floor(rand() * victims.length), 1)[0]!;
        v.t.dispose();
        expect(() => v.t.data).toThrow(/the tensor was disposed/);
      }
      void y;
    }
    check(kind);
  }
  check('the end');
  return grads;
}

describe('the buffer pool never hands out a buffer still referenced (random autograd programs)', () => {
  beforeEach(() => {
    clearBufferPool();
  });
  afterEach(() => {
    configureBufferPool({ minBytes: 1024, maxBytes: 67108864 });
    clearBufferPool();
  });

  test('poison mode is on in these tests (set by test/setup.poison.ts)', () => {
    expect(configureBufferPool().poison).toBe(true);
  });

  for (const dtype of ['float32', 'float64'] as const) {
    test(`${dtype}: 60 programs keep every kept tensor intact, and the gradients equal those without recycling`, () => {
      for (let seed = 1; seed <= 60; seed++) {
        configureBufferPool({ maxBytes: 0, minBytes: 0 });
        const reference = program(seed, dtype);
        configureBufferPool({ maxBytes: 67108864, minBytes: 0 });
        const recycled = program(seed, dtype);
        expect(recycled.length).toBe(reference.length);
        for (let i = 0; i < reference.length; i++) {
          expect(recycled[i], `seed ${seed}, gradient ${i}`).toEqual(reference[i]);
        }
      }
      const stats = bufferPoolStats();
      // the programs did recycle: buffers went back and later allocations were served from the pool
      expect(stats.released).toBeGreaterThan(1000);
      expect(stats.hits).toBeGreaterThan(1000);
    });
  }
});
