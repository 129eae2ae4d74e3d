import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, test, vi } from 'vitest';
import { rand } from '../bench/harness';
import { adam, adamw, createOptimizer, lamb, lars, type NamedOptimizer, rmsprop, sgd } from '../src/index';
import { BEYOND_KERNELS } from '../src/wasm/beyond';
import { EXTRA_KERNELS } from '../src/wasm/extra';
import {
  ARGS_AT,
  CHUNK,
  createArena,
  kernelsOf,
  scratch,
  setOptimBackend,
  setResidentState,
} from '../src/wasm/runtime';
import { ARGS, GRADIENT, streamWasm } from '../src/wasm/stream';
import { bits } from './bits';
import { WASM_CASES } from './wasmCases';

afterEach(() => {
  setOptimBackend('auto');
  setResidentState(true);
});

/** A state with its typed arrays as bit patterns (JSON-comparable, -0 and NaN payloads told apart). */
const fromState = (s: unknown): unknown =>
  s instanceof Float32Array
    ? Array.from(new Uint32Array(s.buffer, s.byteOffset, s.length))
    : Array.isArray(s)
      ? s.map(fromState)
      : s !== null && typeof s === 'object'
        ? Object.fromEntries(Object.entries(s).map(([k, v]) => [k, fromState(v)]))
        : s;

/** Runs `steps` facade steps of `make()` over leaves of the given sizes with the given backend. */
function run(
  make: () => NamedOptimizer,
  sizes: number[],
  backend: 'js' | 'wasm' | 'streamed',
  steps: number,
) {
  setOptimBackend(backend === 'streamed' ? 'wasm' : backend);
  setResidentState(backend !== 'streamed');
  const params = sizes.map((n, i) => ({ data: rand(n, i + 1), grad: null as Float32Array | null }));
  const opt = createOptimizer(params, make());
  for (let t = 0; t < steps; t++) {
    params.forEach((p, i) => {
      p.grad = rand(p.data.length, 1000 * t + i, t % 3 === 0 ? 1e-3 : 10);
    });
    opt.step();
  }
  return { params: params.map((p) => p.data), state: opt.stateDict() };
}

describe('the WebAssembly kernels give the JavaScript loop bit for bit', () => {
  // every kernel on leaves with all tails; the block edges of the streaming loop (shared by every kernel) below
  const sizes = [1, 3, 4, 5, 9, 1027];
  test.each(WASM_CASES)('%s: leaves of 1 … 1027 elements (every tail), 9 steps', (_, make) => {
    const js = run(make, sizes, 'js', 9);
    // state resident in the optimizer's kernel memory, and streamed through scratch blocks
    for (const backend of ['wasm', 'streamed'] as const) {
      const wasm = run(make, sizes, backend, 9);
      expect(bits(wasm.params)).toEqual(bits(js.params));
      expect(wasm.state).toEqual(js.state);
    }
    // the composable form: update() returns the differences, the state is fresh arrays each step
    const composable = (backend: 'js' | 'wasm') => {
      setOptimBackend(backend);
      const opt = make();
      const params = sizes.map((n, i) => rand(n, i + 1));
      let state = opt.init(params);
      const updates: Float32Array[][] = [];
      for (let t = 0; t < 4; t++) {
        const grads = params.map((p, i) => rand(p.length, 1000 * t + i, t % 3 === 0 ? 1e-3 : 10));
        const [u, s] = opt.update(grads, state, params);
        state = s;
        updates.push(u as Float32Array[]);
        (u as Float32Array[]).forEach((d, i) => {
          const p = params[i]!;
          for (let k = 0; k < p.length; k++) p[k] = Math.fround(p[k]! + d[k]!);
        });
      }
      return { updates: updates.map(bits), params: bits(params), state: JSON.stringify(fromState(state)) };
    };
    expect(composable('wasm')).toEqual(composable('js'));
  });
  test('a non-finite gradient is found by the WebAssembly check, named with its index, and changes nothing', () => {
    setOptimBackend('wasm');
    const p = { data: rand(20_000, 1), grad: rand(20_000, 2) as Float32Array | null };
    const q = { data: rand(30_000, 3), grad: rand(30_000, 4) as Float32Array | null };
    const opt = createOptimizer([p, q], adamw({ lr: 1e-2 }));
    opt.step();
    const before = { p: p.data.slice(), q: q.data.slice(), state: JSON.stringify(opt.stateDict()) };
    q.grad![17_001] = Number.NEGATIVE_INFINITY;
    q.grad![29_999] = Number.NaN;
    expect(() => opt.step()).toThrow(
      new RangeError(
        'adamw.step: params[1].grad holds a non-finite gradient (-Infinity) at index 17001; chain applyIfFinite(...) to skip such steps',
      ),
    );
    q.grad![17_001] = 0;
    expect(() => opt.step()).toThrow(/params\[1\]\.grad holds a non-finite gradient \(NaN\) at index 29999/);
    expect(bits([p.data, q.data])).toEqual(bits([before.p, before.q]));
    expect(JSON.stringify(opt.stateDict())).toBe(before.state);
  });
  test.each([
    ['adamw (WebAssembly, checked by the kernel)', () => adamw({ lr: 1e-2 }), 'wasm'],
    ['sgd momentum (WebAssembly, checked by the kernel)', () => sgd({ lr: 1e-2, momentum: 0.9 }), 'wasm'],
    ['rmsprop (WebAssembly, checked after the update)', () => rmsprop({ lr: 1e-2 }), 'wasm'],
    ['adam (JavaScript, checked after the update)', () => adam({ lr: 1e-2 }), 'js'],
  ] as const)(
    "checkFinite 'during' / 'off': %s: the step is applied as without a check, then 'during' throws naming the first bad value",
    (name, make, backend) => {
      setOptimBackend(backend);
      const go = (checkFinite: 'during' | 'off' | 'before') => {
        const p = { data: rand(20_000, 1), grad: rand(20_000, 2) as Float32Array | null };
        const q = { data: rand(3, 3), grad: rand(3, 4) as Float32Array | null };
        const r = { data: rand(30_000, 5), grad: rand(30_000, 6) as Float32Array | null };
        const opt = createOptimizer([p, q, r], make(), { checkFinite });
        opt.step();
        r.grad![17_001] = Number.NEGATIVE_INFINITY;
        r.grad![29_999] = Number.NaN;
        let error: unknown;
        try {
          opt.step();
        } catch (e) {
          error = e;
        }
        const checked = GRADIENT.checked;
        // a finite step after it: the state went on from the applied step
        r.grad = rand(30_000, 7);
        opt.step();
        return {
          error,
          checked,
          values: bits([p.data, q.data, r.data]),
          state: JSON.stringify(opt.stateDict()),
        };
      };
      const off = go('off');
      const during = go('during');
      expect(off.error).toBeUndefined();
      expect(during.error).toEqual(
        new RangeError(
          `${make().name}.step: params[2].grad holds a non-finite gradient (-Infinity) at index 17001; chain applyIfFinite(...) to skip such steps`,
        ),
      );
      // the last leaf's kernel saw the bad values itself (2), or does not check (0: checked in JavaScript after)
      expect(during.checked).toBe(name.includes('by the kernel') ? 2 : 0);
      expect(during.values).toEqual(off.values);
      expect(during.state).toBe(off.state);
      // 'before' changes nothing: its run differs from the applied one
      expect(go('before').values).not.toEqual(off.values);
    },
  );
  test("createOptimizer's checkFinite is one of 'before', 'during', 'off'", () => {
    const w = { data: new Float32Array(4), grad: new Float32Array(4) as Float32Array | null };
    expect(() => createOptimizer([w], adam(), { checkFinite: 'after' as never })).toThrow(
      /createOptimizer: checkFinite must be one of "before", "during", "off", got "after"/,
    );
    expect(() => createOptimizer([w], adam(), { check: 'during' } as never)).toThrow(
      "createOptimizer: unknown option 'check'; valid options are 'checkFinite'",
    );
  });
  test.each([
    ['adamw amsgrad', () => adamw({ lr: 3e-2, amsgrad: true, weightDecay: 0.5 })],
    ['sgd nesterov', () => sgd({ lr: 1e-2, momentum: 0.9, nesterov: true })],
    ['rmsprop centered momentum', () => rmsprop({ lr: 1e-2, centered: true, momentum: 0.5, eps: 1e-3 })],
    // the norms passes sum lane by lane across the blocks
    ['lamb weightDecay', () => lamb({ lr: 1e-2, weightDecay: 0.1 })],
    ['lars nesterov', () => lars({ lr: 1e-2, nesterov: true })],
  ])(
    "%s: leaves across the streamed blocks' edges (one block - 1, + 1, two + 7 elements), 3 steps",
    (_, make) => {
      const edges = [CHUNK - 1, CHUNK + 1, 2 * CHUNK + 7];
      const js = run(make, edges, 'js', 3);
      for (const backend of ['wasm', 'streamed'] as const) {
        const wasm = run(make, edges, backend, 3);
        expect(bits(wasm.params)).toEqual(bits(js.params));
        expect(wasm.state).toEqual(js.state);
      }
    },
  );
  test('the WebAssembly finiteness check finds NaN and ±Infinity at any position and passes every finite value', () => {
    const arena = createArena(0)!;
    const finite = kernelsOf(arena, null)!['finite']!;
    const x = new Float32Array(arena.buffer, scratch(1), CHUNK);
    const good = [0, -0, 1, -1, 1e-45, -1e-45, 1.17e-38, 3.4028234663852886e38, -3.4028234663852886e38, 0.1];
    for (const n of [1, 2, 3, 4, 5, 7, 8, 9, 15, 16, 17, 31, 33, CHUNK - 1, CHUNK]) {
      for (let i = 0; i < n; i++) x[i] = good[i % good.length]!;
      expect(finite(scratch(1), n), `${n} finite values`).toBe(1);
      for (const at of new Set([0, 1, n >> 1, n - 2, n - 1].filter((i) => i >= 0 && i < n))) {
        for (const bad of [Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY]) {
          const keep = x[at]!;
          x[at] = bad;
          expect(finite(scratch(1), n), `${bad} at ${at} of ${n}`).toBe(0);
          x[at] = keep;
        }
      }
    }
    // a NaN whose payload has low bits set, and one just past the end (not read)
    const u = new Uint32Array(arena.buffer, scratch(1), CHUNK);
    u[3] = 0x7fc00001;
    expect(finite(scratch(1), 4)).toBe(0);
    u[3] = 0;
    u[4] = 0xff800000;
    expect(finite(scratch(1), 4)).toBe(1);
  });
  test('resident state survives stateDict / loadStateDict: 7 + 7 steps through JSON == 14 straight', () => {
    setOptimBackend('wasm');
    const make = () => adam({ lr: 1e-2, amsgrad: true, weightDecay: 0.1 });
    const straight = run(make, [20_000, 5], 'wasm', 14);
    const first = run(make, [20_000, 5], 'wasm', 7);
    const params = first.params.map((d) => ({ data: d.slice(), grad: null as Float32Array | null }));
    const opt = createOptimizer(params, make());
    opt.loadStateDict(JSON.parse(JSON.stringify(first.state)));
    for (let t = 7; t < 14; t++) {
      params.forEach((p, i) => {
        p.grad = rand(p.data.length, 1000 * t + i, t % 3 === 0 ? 1e-3 : 10);
      });
      opt.step();
    }
    expect(bits(params.map((p) => p.data))).toEqual(bits(straight.params));
    expect(opt.stateDict()).toEqual(straight.state);
    // a dict whose state arrays differ (amsgrad's maximum) from the optimizer's: the new array is streamed
    const plain = createOptimizer(
      first.params.map((d) => ({ data: d.slice(), grad: null as Float32Array | null })),
      adam({ lr: 1e-2, weightDecay: 0.1 }),
    );
    plain.loadStateDict(JSON.parse(JSON.stringify(first.state)));
    expect(plain.paramGroups[0]!['amsgrad']).toBe(true);
    for (let t = 7; t < 14; t++) {
      plain.paramGroups[0]!.params.forEach((p, i) => {
        const r = p as { data: Float32Array; grad: Float32Array | null };
        r.grad = rand(r.data.length, 1000 * t + i, t % 3 === 0 ? 1e-3 : 10);
      });
      plain.step();
    }
    expect(plain.stateDict()).toEqual(straight.state);
  });
  test('both modules load here and export the kernels the rules call (so the comparisons above ran WebAssembly)', () => {
    const arena = createArena(0)!;
    expect(arena).not.toBeNull();
    const main = kernelsOf(arena, null)!;
    const extra = kernelsOf(arena, EXTRA_KERNELS)!;
    for (const m of ['plain', 'l2', 'decoupled'])
      for (const a of ['', '_amsgrad']) expect(typeof main[`adam_${m}${a}`]).toBe('function');
    for (const k of [
      'sgd_none',
      'sgd_first',
      'sgd_first_nesterov',
      'sgd_later',
      'sgd_later_nesterov',
      'finite',
    ])
      expect(typeof main[k]).toBe('function');
    for (const k of ['adagrad', 'rmsprop', 'adadelta', 'adamax', 'nadam', 'radam'])
      expect(typeof extra[k]).toBe('function');
    const beyond = kernelsOf(arena, BEYOND_KERNELS)!;
    for (const k of [
      'lion',
      'lamb_moments',
      'lamb_update',
      'lars',
      'lars_nesterov',
      'norms',
      'schedule_free_adamw',
      'schedule_free_sgd',
    ])
      expect(typeof beyond[k]).toBe('function');
    setOptimBackend('wasm');
    const p = rand(10, 1);
    const z = new Float32Array(10);
    ARGS.set([-0.1, 0, 1e-10]);
    expect(streamWasm(null, EXTRA_KERNELS, 'adagrad', p, rand(10, 2), z, undefined, undefined, 0)).toBe(true);
    expect(z.every((x) => x > 0)).toBe(true);
  });
  test('src/wasm is generated by scripts/build-wasm.mjs and up to date', () => {
    const script = fileURLToPath(new URL('../scripts/build-wasm.mjs', import.meta.url));
    expect(() => execFileSync(process.execPath, [script, '--check'])).not.toThrow();
  });
});

test('where synchronous compilation is refused (a browser main thread), the kernels compile in the background', async () => {
  vi.resetModules();
  const real = (globalThis as unknown as { WebAssembly: Record<string, unknown> }).WebAssembly;
  vi.stubGlobal('WebAssembly', {
    ...real,
    validate: real['validate'],
    compile: real['compile'],
    Instance: real['Instance'],
    Memory: real['Memory'],
    Module: class {
      constructor() {
        throw new RangeError(
          'WebAssembly.Compile is disallowed on the main thread, if the buffer size is larger than 4KB',
        );
      }
    },
  });
  try {
    const fresh = (await import('../src/index')) as typeof import('../src/index');
    const runtime = (await import('../src/wasm/runtime')) as typeof import('../src/wasm/runtime');
    const p = { data: rand(20_000, 1), grad: rand(20_000, 2) as Float32Array | null };
    const opt = fresh.createOptimizer([p], fresh.adamw({ lr: 1e-2 }));
    opt.step(); // the JavaScript loop, while the module compiles
    await vi.waitFor(() => expect(runtime.createArena(0)).not.toBeNull());
    opt.step(); // now the WebAssembly kernels (the state streamed: it was made before they were there)
    setOptimBackend('js');
    const q = { data: rand(20_000, 1), grad: rand(20_000, 2) as Float32Array | null };
    const ref = createOptimizer([q], adamw({ lr: 1e-2 }));
    ref.step();
    ref.step();
    expect(bits([p.data])).toEqual(bits([q.data]));
  } finally {
    vi.unstubAllGlobals();
    vi.resetModules();
  }
});

describe('scratch layout', () => {
  test('every scratch block is 2 KB past a page (glibc rep movsb is ~25x slower on AMD Zen 3 when a copy lands 4-28 bytes past its source modulo 4 KB; large arrays start 16 bytes past a page) and the blocks do not overlap', () => {
    for (let k = 0; k < 5; k++) {
      expect(scratch(k) % 4096).toBe(2048);
      if (k > 0) expect(scratch(k - 1) + CHUNK * 4).toBeLessThanOrEqual(scratch(k));
    }
    expect(scratch(4) + CHUNK * 4).toBeLessThanOrEqual(ARGS_AT);
  });
});
