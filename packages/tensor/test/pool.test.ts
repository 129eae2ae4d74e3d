import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import {
  add,
  bufferPoolStats,
  clearBufferPool,
  configureBufferPool,
  dropout,
  fromData,
  gradients,
  mul,
  reshape,
  sum,
  tanh,
  tensor,
  tidy,
} from '../src';

const N = 1024; // 4 KiB of float32: above the pool's 1 KiB floor
const ones = (n = N) => new Float32Array(n).fill(1);

beforeEach(() => {
  configureBufferPool({ maxBytes: 67108864, minBytes: 1024 });
  clearBufferPool();
});
afterEach(() => {
  configureBufferPool({ maxBytes: 67108864, minBytes: 1024 });
  clearBufferPool();
});

describe('the buffer pool: what enters it', () => {
  test("backward() recycles the pass's intermediate gradients, not the leaves' .grad; the next step reuses them", () => {
    const x = tensor(ones(), { requiresGrad: true });
    sum(mul(tanh(mul(x, 2)), 3)).backward();
    const after1 = bufferPoolStats();
    expect(after1.released).toBeGreaterThanOrEqual(3);
    // a gradient consumed early in the pass is already reused later in the same pass
    expect(after1.hits).toBeGreaterThanOrEqual(1);
    expect(after1.buffers).toBe(after1.released - after1.hits);
    const grad = x.grad!;
    const kept = Float32Array.from(grad.data);
    // a second step is served from the pool, and the first gradient is intact (poison mode would show NaN)
    x.zeroGrad();
    sum(mul(tanh(mul(x, 2)), 3)).backward();
    expect(bufferPoolStats().hits).toBeGreaterThanOrEqual(3);
    expect(grad.data).toEqual(kept);
    expect(x.grad!.data).toEqual(kept);
    expect(x.grad!.data).not.toBe(grad.data);
  });

  test('gradients() keeps what it returns; createGraph passes recycle nothing', () => {
    const x = tensor(ones(), { requiresGrad: true });
    const [g] = gradients(sum(mul(tanh(x), 3)), [x]);
    const kept = Float32Array.from(g!.data);
    for (let i = 0; i < 5; i++) gradients(sum(mul(tanh(x), 3)), [x]);
    expect(g!.data).toEqual(kept);
    clearBufferPool();
    gradients(sum(mul(tanh(x), 3)), [x], { createGraph: true });
    expect(bufferPoolStats().released).toBe(0);
  });

  test("a recorded op's private buffer (dropout's mask) returns with the graph, not before", () => {
    const x = tensor(ones(), { requiresGrad: true });
    const loss = sum(dropout(x, { p: 0.5, seed: 1 }));
    loss.backward(undefined, { retainGraph: true });
    const first = Float32Array.from(x.grad!.data);
    const released = bufferPoolStats().released;
    x.zeroGrad();
    loss.backward(); // the retained graph still has its mask; this pass frees it
    expect(x.grad!.data).toEqual(first);
    expect(bufferPoolStats().released).toBeGreaterThan(released);
  });

  test('dispose() recycles a CPU tensor it alone holds; using it afterwards is a clear error', () => {
    const a = add(tensor(ones()), 1);
    const buffer = a.data;
    a.dispose();
    expect(a.isDisposed).toBe(true);
    expect(bufferPoolStats().buffers).toBe(1);
    expect(() => a.data).toThrow(
      'data: the tensor was disposed (Tensor(float32, [1024]) on the CPU); it cannot be used after dispose()',
    );
    expect(() => add(a, 1)).toThrow(TypeError);
    expect(() => a.toArray()).toThrow(/the tensor was disposed/);
    a.dispose(); // twice is harmless
    expect(bufferPoolStats().buffers).toBe(1);
    const b = add(tensor(ones()), 2); // same size: served from the pool
    expect(b.data).toBe(buffer);
    expect(b.data[0]).toBe(3);
  });

  test('the disposed guard is a field cleared on dispose: no accessor defined per tensor, the same keys before and after', () => {
    const a = add(tensor(ones()), 1);
    const keys = Object.keys(a);
    expect(a.isDisposed).toBe(false);
    a.dispose();
    expect(Object.keys(a)).toEqual(keys);
    expect(Object.getOwnPropertyDescriptor(a, 'data')).toBeUndefined();
    expect(() => a.data).toThrow('data: the tensor was disposed (Tensor(float32, [1024]) on the CPU)');
    // what tidy() disposes, views and int32 tensors included, fails the same way
    const kept = tidy(() => {
      const y = mul(tensor(ones(8)), 2);
      const v = reshape(y, [2, 4]);
      const i = tensor([1, 2], { dtype: 'int32' });
      return { y, v, i, loss: sum(y) };
    });
    expect(kept.loss.item()).toBe(16);
    const inner: { t: ReturnType<typeof tensor> }[] = [];
    tidy(() => {
      inner.push({ t: reshape(mul(tensor(ones(8)), 2), [8]) }, { t: tensor([3], { dtype: 'int32' }) });
    });
    for (const { t } of inner) {
      expect(t.isDisposed).toBe(true);
      expect(() => t.data).toThrow(
        /^data: the tensor was disposed \(Tensor\((float32|int32), \[\d+\]\) on the CPU\)/,
      );
      expect(() => add(t, 1)).toThrow(/the tensor was disposed/);
    }
  });

  test('dispose() never recycles a shared buffer: views, detach, the caller-owned array of tensor()/fromData', () => {
    const a = add(tensor(ones()), 1);
    const view = reshape(a, [32, 32]);
    a.dispose();
    const d = add(tensor(ones()), 1);
    const det = d.detach();
    d.dispose();
    const user = ones();
    tensor(user).dispose();
    fromData({ shape: [N], data: user }).dispose();
    const same = add(tensor(ones()), 1);
    tensor(same.data, { shape: [N] }).dispose(); // tensor(x.data) shares x's buffer
    expect(bufferPoolStats().buffers).toBe(0);
    expect(view.data[0]).toBe(2);
    expect(det.data[0]).toBe(2);
    expect(same.data[0]).toBe(2);
  });

  test('dispose() of a tensor a live graph still reads does not recycle it (and backward says so)', () => {
    const x = add(tensor(ones()), 1);
    const w = tensor(ones(), { requiresGrad: true });
    const y = sum(mul(x, w));
    x.dispose();
    expect(bufferPoolStats().buffers).toBe(0);
    expect(() => y.backward()).toThrow(/the tensor was disposed/);
  });

  test('tidy() disposes the CPU tensors made inside except what it returns and the .grad it wrote', () => {
    const w = tensor(ones(), { requiresGrad: true });
    const { loss, h } = tidy(() => {
      const h = tanh(mul(w, 2));
      const loss = sum(mul(h, h));
      loss.backward();
      return { loss, h };
    });
    expect(loss.isDisposed).toBe(false);
    expect(h.isDisposed).toBe(false);
    expect(w.grad!.isDisposed).toBe(false);
    expect(Number.isFinite(w.grad!.data[0]!)).toBe(true);
    // the graph was freed by backward, so mul(w, 2) and mul(h, h) went back to the pool
    expect(bufferPoolStats().buffers).toBeGreaterThanOrEqual(2);
    // a training loop in tidy: after the first step every allocation of the step is a hit but one, the new .grad
    // (the replaced one is not recycled: code may hold it)
    const step = () =>
      tidy(() => {
        w.zeroGrad();
        const l = sum(mul(tanh(mul(w, 2)), 3));
        l.backward();
        return l.item();
      });
    step();
    step();
    const before = bufferPoolStats();
    step();
    const after = bufferPoolStats();
    expect(after.misses - before.misses).toBe(1);
    expect(after.hits - before.hits).toBeGreaterThanOrEqual(4);
  });

  test('the cap: a release beyond maxBytes is dropped; lowering it frees the excess; 0 turns recycling off', () => {
    configureBufferPool({ maxBytes: 3 * 4 * N });
    const ts = Array.from({ length: 5 }, () => add(tensor(ones()), 1));
    for (const t of ts) t.dispose();
    let s = bufferPoolStats();
    expect(s.buffers).toBe(3);
    expect(s.dropped).toBe(2);
    expect(s.bytes).toBe(3 * 4 * N);
    configureBufferPool({ maxBytes: 4 * N });
    s = bufferPoolStats();
    expect(s.bytes).toBe(4 * N);
    expect(s.maxBytes).toBe(4 * N);
    configureBufferPool({ maxBytes: 0 });
    expect(bufferPoolStats().bytes).toBe(0);
    add(tensor(ones()), 1).dispose();
    expect(bufferPoolStats().buffers).toBe(0);
  });

  test('small buffers (under minBytes) are never pooled', () => {
    add(tensor([1, 2, 3]), 1).dispose();
    expect(bufferPoolStats().buffers).toBe(0);
  });

  test('clearBufferPool empties the pool and resets the counters', () => {
    add(tensor(ones()), 1).dispose();
    clearBufferPool();
    expect(bufferPoolStats()).toEqual({
      bytes: 0,
      buffers: 0,
      hits: 0,
      misses: 0,
      released: 0,
      dropped: 0,
      maxBytes: 67108864,
    });
  });
});

describe('configureBufferPool: strict options', () => {
  test('returns the settings in force; leaves out keys unchanged', () => {
    expect(configureBufferPool({ maxBytes: 1 << 20 })).toEqual({
      maxBytes: 1 << 20,
      minBytes: 1024,
      poison: true,
    });
    expect(configureBufferPool()).toEqual({ maxBytes: 1 << 20, minBytes: 1024, poison: true });
  });

  test('rejects unknown keys, bad sizes and a non-boolean poison', () => {
    expect(() => configureBufferPool({ max: 1 } as never)).toThrow(
      "configureBufferPool: unknown option 'max'; valid options are 'maxBytes', 'minBytes', 'poison'",
    );
    expect(() => configureBufferPool({ maxByte: 1 } as never)).toThrow(/did you mean 'maxBytes'\?/);
    expect(() => configureBufferPool({ maxBytes: -1 })).toThrow(
      'configureBufferPool: maxBytes must be an integer >= 0, got -1',
    );
    expect(() => configureBufferPool({ maxBytes: 1.5 })).toThrow(RangeError);
    expect(() => configureBufferPool({ minBytes: '1' as never })).toThrow(TypeError);
    expect(() => configureBufferPool({ poison: 1 as never })).toThrow(
      'configureBufferPool: poison must be true or false, got 1',
    );
  });
});
