import { afterAll, describe, expect, test } from 'vitest';
import { setKernelBackend } from '../src/index';
import { dropout } from '../src/ops/dropout';
import { sum } from '../src/ops/sum';
import { createGenerator } from '../src/random/createGenerator';
import { Tensor } from '../src/tensor';
import { wasmDropout } from '../src/wasm/dropout';
import { setWasmThreshold } from '../src/wasm/runtime';

// The float32 dropout runs in WebAssembly (src/wasm/dropout.ts) from 64 values: its output, its mask (the gradient
// of sum(y)) and the generator's state afterwards must be the JavaScript loop's, bit for bit, at every size.

afterAll(() => setKernelBackend('wasm'));

const SPECIALS = [0, -0, 1e-45, -1e-40, 3.4028235e38, -3.4028235e38, Infinity, -Infinity, NaN];

function filled(n: number, seed: number): Float32Array {
  const d = new Float32Array(n);
  let s = seed * 7919 + 1;
  for (let i = 0; i < n; i++) {
    s = (Math.imul(s, 1103515245) + 12345) >>> 0;
    d[i] = i % 7 === 3 ? SPECIALS[(s >>> 9) % SPECIALS.length]! : (s / 2 ** 32 - 0.5) * 2 ** ((i % 9) - 4);
  }
  return d;
}

/** Output, mask and the generator's next draws after one dropout of `n` values. */
function run(n: number, p: number, seed: number): { y: Float32Array; mask: Float32Array; next: number[] } {
  const x = new Tensor(filled(n, seed), [n], 'float32').setRequiresGrad();
  const g = createGenerator(seed);
  const y = dropout(x, { p, generator: g });
  const out = Float32Array.from(y.data as Float32Array);
  sum(y).backward();
  return {
    y: out,
    mask: Float32Array.from(x.grad!.data as Float32Array),
    next: [g.nextUint32(), g.nextUint32()],
  };
}

function expectSame(a: Float32Array, b: Float32Array, what: string): void {
  expect(a.length).toBe(b.length);
  for (let i = 0; i < a.length; i++) {
    if (!Object.is(a[i], b[i])) throw new Error(`${what}: element ${i} differs: wasm ${a[i]} vs js ${b[i]}`);
  }
}

describe('float32 dropout: WebAssembly equals the JavaScript loop bit for bit (values, mask, random stream)', () => {
  test.each([1, 63, 64, 65, 1000, 8192, 16384, 16385, 33_000])('%i values, p in {0.1, 0.5, 0.97}', (n) => {
    const old = setWasmThreshold(0);
    try {
      for (const p of [0.1, 0.5, 0.97]) {
        setKernelBackend('wasm');
        const w = run(n, p, n + 3);
        setKernelBackend('js');
        const j = run(n, p, n + 3);
        setKernelBackend('wasm');
        expectSame(w.y, j.y, 'output');
        expectSame(w.mask, j.mask, 'mask');
        expect(w.next).toEqual(j.next);
        // kept values are scaled by fl(1 / fl(1 - p)), dropped ones are ±0 (or NaN for NaN, infinite inputs)
        const scale = Math.fround(1 / Math.fround(1 - p));
        for (const m of w.mask) expect(m === 0 || m === scale).toBe(true);
      }
      // the two runs took different paths
      const a = new Float32Array(n);
      setKernelBackend('js');
      expect(wasmDropout(a, a, a, 1, 1, [1, 2, 3, 4])).toBe(false);
      setKernelBackend('wasm');
      expect(wasmDropout(a, a, a, 1, 1, [1, 2, 3, 4])).toBe(true);
    } finally {
      setWasmThreshold(old);
    }
  });
});
