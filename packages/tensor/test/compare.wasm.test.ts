import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import {
  equal,
  grad,
  greater,
  greaterEqual,
  less,
  lessEqual,
  maximum,
  minimum,
  mul,
  notEqual,
  setKernelBackend,
  sum,
  Tensor,
  where,
} from '../src/index';
import { wasmCompare, wasmWhere } from '../src/wasm/compare';
import { BLOCK } from '../src/wasm/layout';
import { both, edgeData, expectSameTensor, useWasmFromZero } from './arbitraries';

// The float32 comparison kernels (maximum, minimum, the six comparisons, maximum's and minimum's gradient shares,
// where; scripts/wasm-compare.mjs): the WebAssembly modules give the JavaScript loops' values bit for bit, on equal
// shapes and with a one-element operand on either side, at sizes across the block length, with ties, ±0, NaN and
// ±Infinity mixed in.

useWasmFromZero();

/** Values with many ties between seeds: a coarse grid with the float32 edge values mixed in. */
function values(n: number, seed: number): Float32Array {
  const d = edgeData(n, seed, true, { every: 4 });
  for (let i = 0; i < n; i++) if (i % 4 !== 2) d[i] = Math.round(d[i]! * 2) / 2;
  return d;
}

const BINARY: [string, (a: Tensor, b: Tensor) => Tensor][] = [
  ['maximum', maximum],
  ['minimum', minimum],
  ['greater', greater],
  ['greaterEqual', greaterEqual],
  ['less', less],
  ['lessEqual', lessEqual],
  ['equal', equal],
  ['notEqual', notEqual],
];
const SHAPES = (n: number): [number[], number[]][] => [
  [[n], [n]],
  [[n], [1]],
  [[1], [n]],
  [[n], []],
];

function tensorOf(shape: number[], seed: number): Tensor {
  const n = shape.reduce((a, b) => a * b, 1);
  return new Tensor(values(n, seed), shape, 'float32');
}

function checkBinary(name: string, op: (a: Tensor, b: Tensor) => Tensor, n: number, seed: number): void {
  for (const [sa, sb] of SHAPES(n)) {
    const a = tensorOf(sa, seed);
    const b = tensorOf(sb, seed + 1);
    const r = both(() => op(a, b));
    expectSameTensor(r.wasm, r.js, `${name} [${sa}] vs [${sb}]`);
    if (name === 'maximum' || name === 'minimum') {
      const w = tensorOf([n], seed + 2);
      for (const which of [0, 1] as const) {
        const g = both(() =>
          grad((s: Tensor) => sum(mul(op(which ? a : s, which ? s : b), w)))(which ? b : a),
        );
        expectSameTensor(g.wasm, g.js, `${name} gradient of operand ${which} [${sa}] vs [${sb}]`);
      }
    }
  }
}

describe('maximum, minimum and the comparisons: WebAssembly equals JavaScript bit for bit', () => {
  for (const [name, op] of BINARY) {
    test(`${name}: sizes 1..70, equal shapes and a one-element operand on either side`, () => {
      fc.assert(
        fc.property(fc.integer({ min: 1, max: 70 }), fc.integer({ min: 0, max: 1000 }), (n, seed) =>
          checkBinary(name, op, n, seed),
        ),
        { numRuns: 20 },
      );
    });
    test(`${name}: sizes around the block length (${BLOCK})`, () => {
      for (const n of [BLOCK - 1, BLOCK + 3, 2 * BLOCK + 6]) checkBinary(name, op, n, n);
    });
  }
});

describe('where: WebAssembly equals JavaScript bit for bit', () => {
  function check(n: number, seed: number): void {
    const fcond = new Tensor(values(n, seed), [n], 'float32');
    const icond = new Tensor(
      Int32Array.from(values(n, seed), (v) => (Number.isNaN(v) ? 1 : Math.trunc(v) % 3)),
      [n],
      'int32',
    );
    const a = tensorOf([n], seed + 1);
    const b = tensorOf([n], seed + 2);
    for (const cond of [fcond, icond]) {
      for (const [x, y] of [
        [a, b],
        [a, 0],
        [0, b],
        [a, new Tensor(Float32Array.of(-0), [1], 'float32')],
      ] as const) {
        const r = both(() => where(cond, x, y));
        expectSameTensor(r.wasm, r.js, `where (${cond.dtype} condition)`);
      }
      const c1 = new Tensor(cond.data.slice(0, 1), [1], cond.dtype);
      const r = both(() => where(c1, a, b));
      expectSameTensor(r.wasm, r.js, `where (one-element ${cond.dtype} condition)`);
      const g = both(() => grad((s: Tensor) => sum(mul(where(cond, s, b), b)))(a));
      expectSameTensor(g.wasm, g.js, `where gradient (${cond.dtype} condition)`);
    }
  }
  test('sizes 1..70 and around the block length, float32 and int32 conditions', () => {
    fc.assert(fc.property(fc.integer({ min: 1, max: 70 }), fc.integer({ min: 0, max: 1000 }), check), {
      numRuns: 25,
    });
    for (const n of [BLOCK - 1, BLOCK + 3]) check(n, n);
  });
});

describe('the ops take the kernels', () => {
  test('with the wasm backend only', () => {
    const x = values(100, 1);
    const out = new Float32Array(100);
    setKernelBackend('js');
    expect(wasmCompare('max', x, 1, x, 1, out)).toBe(false);
    expect(wasmWhere(x, 1, x, 1, x, 1, out)).toBe(false);
    setKernelBackend('wasm');
    expect(wasmCompare('max', x, 1, x, 0, out)).toBe(true);
    expect(out[5]).toBe(Math.max(x[5]!, x[0]!));
    expect(
      wasmWhere(
        Int32Array.from({ length: 100 }, (_, i) => i % 2),
        1,
        x,
        1,
        x,
        0,
        out,
      ),
    ).toBe(true);
    expect([out[0], out[1]]).toEqual([x[0], x[1]]);
  });
});
