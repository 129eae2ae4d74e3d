// createKernelMemory: parameters, gradients and state in one WebAssembly memory, read and written in place by the
// kernels. The JavaScript loop over ordinary arrays is the oracle: the same steps in a kernel memory give it bit for
// bit, for every kernel variant and every tail and block edge of the streaming loop.
import { afterEach, describe, expect, test, vi } from 'vitest';
import { rand } from '../bench/harness';
import { adam, adamw, createKernelMemory, createOptimizer, type NamedOptimizer, sgd } from '../src/index';
import { CHUNK, setOptimBackend } from '../src/wasm/runtime';
import { bits } from './bits';
import { WASM_CASES } from './wasmCases';

afterEach(() => {
  setOptimBackend('auto');
  vi.restoreAllMocks();
});

/**
 * Where two nested lists of bit patterns first differ (null when they are equal): a short message instead of a
 * diff of hundreds of thousands of numbers, which would take the reporter minutes.
 */
function firstDifference(a: unknown, b: unknown, path = ''): string | null {
  if (Array.isArray(a) && Array.isArray(b)) {
    if (a.length !== b.length) return `${path}: length ${a.length} against ${b.length}`;
    for (let i = 0; i < a.length; i++) {
      const d = firstDifference(a[i], b[i], `${path}[${i}]`);
      if (d) return d;
    }
    return null;
  }
  return a === b ? null : `${path}: ${a} against ${b}`;
}

/** Floats the parameters, gradients and (at most three state arrays of) state of leaves of `sizes` take. */
const floatsFor = (sizes: readonly number[]) => sizes.reduce((n, s) => n + 5 * ((s + 3) & ~3), 0);

/**
 * `steps` facade steps of `make()` over leaves of `sizes`: in ordinary arrays with the JavaScript loop (`'js'`),
 * or with parameters, gradients and state in a kernel memory (`'memory'`, WebAssembly). Each step writes the
 * gradients in place; the result holds what the gradients were after each step, to show the step left them as
 * written.
 */
function run(make: () => NamedOptimizer, sizes: number[], layout: 'js' | 'memory', steps: number) {
  setOptimBackend(layout === 'js' ? 'js' : 'wasm');
  const memory = layout === 'memory' ? createKernelMemory(floatsFor(sizes)) : undefined;
  const array = (n: number) => (memory ? memory.alloc(n) : new Float32Array(n));
  const params = sizes.map((n, i) => {
    const p = { data: array(n), grad: array(n) };
    p.data.set(rand(n, i + 1));
    return p;
  });
  const opt = createOptimizer(params, make(), { memory });
  const gradsSeen: number[][][] = [];
  for (let t = 0; t < steps; t++) {
    params.forEach((p, i) => {
      p.grad.set(rand(p.data.length, 1000 * t + i, t % 3 === 0 ? 1e-3 : 10));
    });
    opt.step();
    gradsSeen.push(bits(params.map((p) => p.grad)));
  }
  return { params: bits(params.map((p) => p.data)), grads: gradsSeen, state: opt.stateDict(), memory };
}

describe('createKernelMemory: steps in place give the JavaScript loop bit for bit', () => {
  // every tail, and a leaf over two blocks of the streaming loop (the second block's offset into the memory)
  const sizes = [1, 3, 4, 5, 9, 1027, CHUNK + 5];
  test.each(WASM_CASES)(
    '%s: leaves of 1 … 32773 elements, 6 steps; the gradients stay as written',
    (_, make) => {
      const js = run(make, sizes, 'js', 6);
      const memory = run(make, sizes, 'memory', 6);
      expect(memory.memory!.resident).toBe(true);
      expect(firstDifference(memory.params, js.params)).toBeNull();
      expect(JSON.stringify(memory.state) === JSON.stringify(js.state)).toBe(true);
      // maximize negates a copy, never the gradient in the memory
      expect(firstDifference(memory.grads, js.grads)).toBeNull();
    },
  );

  test('a step copies nothing: one Float32Array.set a leaf (the scalars), against four with ordinary arrays', () => {
    setOptimBackend('wasm');
    const n = 3 * CHUNK + 7;
    const count = (inMemory: boolean) => {
      const memory = createKernelMemory(4 * n + 8);
      const p = inMemory
        ? { data: memory.alloc(n), grad: memory.alloc(n) }
        : { data: new Float32Array(n), grad: new Float32Array(n) };
      p.data.set(rand(n, 1));
      p.grad.set(rand(n, 2));
      const opt = createOptimizer([p], adamw({ lr: 1e-3 }), { memory, checkFinite: 'off' });
      opt.step();
      const set = vi.spyOn(Float32Array.prototype, 'set');
      opt.step();
      const calls = set.mock.calls.length;
      set.mockRestore();
      return calls;
    };
    expect(count(true)).toBe(1);
    // per block of the four: the parameter and the gradient in, the parameter out; and the scalars once
    expect(count(false)).toBe(1 + 4 * 3);
  });

  test("a non-finite gradient in the memory is found before the step ('before') and changes nothing", () => {
    setOptimBackend('wasm');
    const memory = createKernelMemory(4 * 50_000 + 8);
    const p = { data: memory.alloc(50_000), grad: memory.alloc(50_000) };
    p.data.set(rand(50_000, 1));
    p.grad.set(rand(50_000, 2));
    const opt = createOptimizer([p], adam({ lr: 1e-2 }), { memory });
    opt.step();
    const before = { p: p.data.slice(), state: JSON.stringify(opt.stateDict()) };
    p.grad[40_003] = Number.NaN;
    expect(() => opt.step()).toThrow(
      new RangeError(
        'adam.step: params[0].grad holds a non-finite gradient (NaN) at index 40003; chain applyIfFinite(...) to skip such steps',
      ),
    );
    expect(firstDifference(bits([p.data]), bits([before.p]))).toBeNull();
    expect(JSON.stringify(opt.stateDict())).toBe(before.state);
  });

  test("checkFinite 'during' finds it inside the update, in the memory", () => {
    setOptimBackend('wasm');
    const memory = createKernelMemory(3 * 5000);
    const p = { data: memory.alloc(5000), grad: memory.alloc(5000) };
    p.grad.set(rand(5000, 2));
    p.grad[4999] = Number.POSITIVE_INFINITY;
    const opt = createOptimizer([p], sgd({ lr: 1e-2, momentum: 0.9 }), { memory, checkFinite: 'during' });
    expect(() => opt.step()).toThrow(
      /params\[0\]\.grad holds a non-finite gradient \(Infinity\) at index 4999/,
    );
  });

  test('two optimizers share a memory; a subarray of its arrays and ordinary arrays work beside them', () => {
    const steps = (layout: 'js' | 'memory') => {
      setOptimBackend(layout === 'js' ? 'js' : 'wasm');
      const memory = createKernelMemory(2 * 2000 + 2 * 100 + 1200 + 2 * (2000 + 1000) + 100);
      const arr = (n: number) => (layout === 'memory' ? memory.alloc(n) : new Float32Array(n));
      const w = { data: arr(2000), grad: arr(2000) };
      const b = { data: arr(100), grad: arr(100) };
      // a subarray of a memory array, and ordinary arrays: copied through the scratch blocks
      const big = arr(1200);
      const v = { data: big.subarray(1, 1001), grad: new Float32Array(1000) };
      for (const [i, p] of [w, b, v].entries()) p.data.set(rand(p.data.length, i + 1));
      const o1 = createOptimizer([w, v], adamw({ lr: 1e-2 }), { memory });
      const o2 = createOptimizer([b], sgd({ lr: 1e-2, momentum: 0.9 }), { memory });
      for (let t = 0; t < 5; t++) {
        [w, b, v].forEach((p, i) => {
          p.grad.set(rand(p.data.length, 100 * t + i));
        });
        o1.step();
        o2.step();
      }
      return bits([w.data, b.data, v.data, big]);
    };
    expect(firstDifference(steps('memory'), steps('js'))).toBeNull();
  });

  test('stateDict / loadStateDict: 5 steps, saved, loaded into a fresh optimizer in a fresh memory, 5 more == 10', () => {
    setOptimBackend('wasm');
    const make = () => {
      const memory = createKernelMemory(4 * 3004);
      const p = { data: memory.alloc(3001), grad: memory.alloc(3001) };
      p.data.set(rand(3001, 7));
      return { p, opt: createOptimizer([p], adam({ lr: 1e-2, amsgrad: false }), { memory }) };
    };
    const stepWith = (x: ReturnType<typeof make>, t: number) => {
      x.p.grad.set(rand(3001, t));
      x.opt.step();
    };
    const whole = make();
    for (let t = 0; t < 10; t++) stepWith(whole, t);
    const first = make();
    for (let t = 0; t < 5; t++) stepWith(first, t);
    const saved = JSON.parse(JSON.stringify(first.opt.stateDict()));
    const resumed = make();
    resumed.p.data.set(first.p.data);
    resumed.opt.loadStateDict(saved);
    for (let t = 5; t < 10; t++) stepWith(resumed, t);
    expect(firstDifference(bits([resumed.p.data]), bits([whole.p.data]))).toBeNull();
  });

  test('without WebAssembly the memory holds ordinary arrays and the JavaScript loop gives the same numbers', () => {
    const make = () => adamw({ lr: 1e-2, weightDecay: 0.1 });
    setOptimBackend('js');
    const js = run(make, [5, 1027], 'js', 4);
    // a memory made while the kernels are off (as where WebAssembly is unavailable)
    setOptimBackend('js');
    const memory = createKernelMemory(floatsFor([5, 1027]));
    expect(memory.resident).toBe(false);
    const a = memory.alloc(1027);
    expect(a.buffer.byteLength).toBe(1027 * 4);
    expect(memory.free).toBe(floatsFor([5, 1027]) - 1028);
    const params = [5, 1027].map((n, i) => {
      const p = { data: n === 1027 ? a : memory.alloc(n), grad: memory.alloc(n) };
      p.data.set(rand(n, i + 1));
      return p;
    });
    const opt = createOptimizer(params, make(), { memory });
    for (let t = 0; t < 4; t++) {
      params.forEach((p, i) => {
        p.grad.set(rand(p.data.length, 1000 * t + i, t % 3 === 0 ? 1e-3 : 10));
      });
      opt.step();
    }
    expect(firstDifference(bits(params.map((p) => p.data)), js.params)).toBeNull();
  });
});

describe('createKernelMemory: bad input', () => {
  test.each([
    [0, RangeError, 'createKernelMemory: floats must be an integer in [1, 1072693248], got 0'],
    [1.5, RangeError, 'createKernelMemory: floats must be an integer in [1, 1072693248], got 1.5'],
    ['8', TypeError, 'createKernelMemory: floats must be an integer in [1, 1072693248], got "8"'],
    [2 ** 31, RangeError, 'createKernelMemory: floats must be an integer in [1, 1072693248], got 2147483648'],
  ])('createKernelMemory(%j)', (floats, kind, message) => {
    expect(() => createKernelMemory(floats as number)).toThrow(new kind(message));
  });

  test('alloc: a negative or fractional length, and more than the room left, name the numbers and the fix', () => {
    const memory = createKernelMemory(12);
    expect(() => memory.alloc(-1)).toThrow(new RangeError('alloc: n must be an integer >= 0, got -1'));
    expect(() => memory.alloc(2.5)).toThrow(RangeError);
    expect(memory.alloc(5).length).toBe(5);
    expect(memory.free).toBe(4);
    expect(() => memory.alloc(5)).toThrow(
      new RangeError(
        'alloc: n is 5 (8 values with its padding to a multiple of four), but the memory has room for 4 more of its 12; create it with createKernelMemory(16) or more',
      ),
    );
    // a failed alloc takes nothing
    expect(memory.alloc(4).length).toBe(4);
    expect(memory.free).toBe(0);
  });

  test('createOptimizer: options.memory that is not a kernel memory, or too small for the state', () => {
    const p = { data: new Float32Array(10), grad: new Float32Array(10) };
    expect(() =>
      createOptimizer([p], adam(), { memory: { alloc: () => new Float32Array(0) } as never }),
    ).toThrow(
      new TypeError(
        'createOptimizer: options.memory must be a kernel memory from createKernelMemory(floats), got an object',
      ),
    );
    const memory = createKernelMemory(30);
    const q = { data: memory.alloc(10), grad: memory.alloc(10) };
    expect(() => createOptimizer([q], adam(), { memory })).toThrow(
      new RangeError(
        'createOptimizer: options.memory has room for 6 more float32 values, but the state of adam over these parameters needs 24; create the memory with createKernelMemory(48) or more',
      ),
    );
    expect(() => createOptimizer([q], adam(), { memroy: memory } as never)).toThrow(
      new TypeError("createOptimizer: unknown option 'memroy'; did you mean 'memory'?"),
    );
  });
});
