import { describe, expect, test } from 'vitest';
import { setKernelBackend } from '../src/index';
import { dropout } from '../src/ops/dropout';
import { sum } from '../src/ops/sum';
import { createGenerator } from '../src/random/createGenerator';
import { Tensor } from '../src/tensor';
import { wasmDropout } from '../src/wasm/dropout';
import { edgeData, expectSameBits, useWasmFromZero } from './arbitraries';

// The float32 dropout runs in WebAssembly (src/wasm/dropout.ts) from 64 values: its output, its mask (the gradient
// of sum(y)) and the generator's state afterwards must be the JavaScript loop's, bit for bit, at every size (the
// kernel's second pass runs four lanes over n rounded up to 4, in blocks of 16,384 values).

useWasmFromZero();

/** Output, mask and the generator's next draws after one dropout of `n` values. */
function run(n: number, p: number, seed: number): { y: Float32Array; mask: Float32Array; next: number[] } {
  const x = new Tensor(edgeData(n, seed, true), [n], 'float32').setRequiresGrad();
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

// p = 1e-9 keeps everything (bound 2^24), p = 1 - 2^-23 keeps a draw in 2^23 (bound 2)
const PS = [1e-9, 0.1, 0.5, 0.97, 1 - 2 ** -23];

describe('float32 dropout: WebAssembly equals the JavaScript loop bit for bit (values, mask, random stream)', () => {
  test.each([1, 2, 3, 5, 63, 64, 65, 1000, 8192, 16383, 16384, 16385, 33_001])('%i values', (n) => {
    for (const p of PS) {
      setKernelBackend('wasm');
      const w = run(n, p, n + 3);
      setKernelBackend('js');
      const j = run(n, p, n + 3);
      setKernelBackend('wasm');
      expectSameBits(w.y, j.y, `output (n ${n}, p ${p})`);
      expectSameBits(w.mask, j.mask, `mask (n ${n}, p ${p})`);
      expect(w.next).toEqual(j.next);
      // kept values are scaled by fl(1 / fl(1 - p)), dropped ones are ±0 (or NaN for NaN, infinite inputs)
      const scale = Math.fround(1 / Math.fround(1 - p));
      expect(w.mask.filter((m) => m !== 0 && m !== scale).length).toBe(0);
      if (p === PS[0]) expect(w.mask.every((m) => m === scale)).toBe(true);
      if (n >= 1000 && p === 0.5) {
        const kept = w.mask.filter((m) => m !== 0).length / n;
        expect(Math.abs(kept - 0.5)).toBeLessThan(0.05);
      }
    }
  });

  test('the two runs take different paths: the kernel runs only with the wasm backend', () => {
    const a = new Float32Array(70);
    const s: [number, number, number, number] = [1, 2, 3, 4];
    setKernelBackend('js');
    expect(wasmDropout(a, a, a, 1, 1, s)).toBe(false);
    expect(s).toEqual([1, 2, 3, 4]);
    setKernelBackend('wasm');
    expect(wasmDropout(a, a, a, 1, 1, s)).toBe(true);
    expect(s).not.toEqual([1, 2, 3, 4]);
  });

  test('the kernel writes only the n values of its outputs (n not a multiple of 4, the last block partial)', () => {
    for (const n of [5, 16387]) {
      const x = edgeData(n, 9, true);
      const big = n + 8;
      const mask = new Float32Array(big).fill(7);
      const out = new Float32Array(big).fill(7);
      expect(wasmDropout(x, mask.subarray(0, n), out.subarray(0, n), 1 << 23, 2, [5, 6, 7, 8])).toBe(true);
      for (let i = n; i < big; i++) expect([mask[i], out[i]]).toEqual([7, 7]);
    }
  });
});
