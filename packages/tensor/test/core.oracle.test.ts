import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { gradients } from '../src/autograd/engine';
import { add } from '../src/ops/add';
import { broadcastTo } from '../src/ops/broadcastTo';
import { div } from '../src/ops/div';
import { mul } from '../src/ops/mul';
import { neg } from '../src/ops/neg';
import { reshape } from '../src/ops/reshape';
import { sub } from '../src/ops/sub';
import { sum } from '../src/ops/sum';
import { Tensor } from '../src/tensor';
import { size } from './arbitraries';
import { checkGrad, leaf64 } from './gradcheck';

interface Enc {
  shape: number[];
  data: number[];
}
interface Case {
  op: string;
  params: { scalar?: number; axis?: number | number[] | null; keepDims?: boolean; shape?: number[] };
  inputs: Enc[];
  out: Enc;
  w: number[];
  grads: number[][];
}
const fixture: { cases: Case[] } = JSON.parse(
  readFileSync(new URL('../fixtures/core.json', import.meta.url), 'utf8'),
);

function run(c: Case, xs: Tensor[]): Tensor {
  const [a, b] = xs as [Tensor, Tensor];
  const p = c.params;
  switch (c.op) {
    case 'add':
      return add(a, p.scalar ?? b);
    case 'sub':
      return sub(a, p.scalar ?? b);
    case 'mul':
      return mul(a, p.scalar ?? b);
    case 'div':
      return div(a, p.scalar ?? b);
    case 'neg':
      return neg(a);
    case 'sum':
      return sum(a, { axis: p.axis ?? undefined, keepDims: p.keepDims });
    case 'reshape':
      return reshape(a, p.shape!);
    case 'broadcastTo':
      return broadcastTo(a, p.shape!);
    default:
      throw new Error(`unknown op ${c.op}`);
  }
}

/**
 * Elementwise |actual - expected| <= 1e-6 |expected| + floor. Sums (and the gradients of broadcast operands,
 * which are sums) accumulate in float64 here and in float32 in a different order in PyTorch, so their floor is
 * 1e-6 times the largest magnitude compared; elementwise results use a floor of 1e-30.
 */
function expectClose(actual: ArrayLike<number>, expected: number[], summed: boolean, what: string): void {
  expect(actual.length, what).toBe(expected.length);
  const scale = Math.max(1e-30, ...expected.map(Math.abs));
  for (let i = 0; i < expected.length; i++) {
    const tol = 1e-6 * Math.abs(expected[i]!) + (summed ? 1e-6 * scale : 1e-30);
    expect(
      Math.abs(actual[i]! - expected[i]!),
      `${what}[${i}]: ${actual[i]} vs ${expected[i]}`,
    ).toBeLessThanOrEqual(tol);
  }
}

describe('core ops equal PyTorch 1.13 (float32 forward and gradients of sum(out * w))', () => {
  test.each(
    fixture.cases.map(
      (c, i) => [`${c.op} #${i} ${c.inputs.map((x) => `[${x.shape}]`).join(' ')}`, c] as const,
    ),
  )('%s', (_name, c) => {
    const xs = c.inputs.map((x) => {
      const t = new Tensor(Float32Array.from(x.data), x.shape, 'float32');
      t.requiresGrad = true;
      return t;
    });
    const out = run(c, xs);
    expect(out.shape).toEqual(c.out.shape);
    expectClose(out.data, c.out.data, c.op === 'sum', 'out');
    const w = new Tensor(Float32Array.from(c.w), out.shape, 'float32');
    const grads = gradients(sum(mul(out, w)), xs, { allowUnused: true });
    grads.forEach((g, k) => {
      expectClose(g.data, c.grads[k]!, g.size !== out.size || c.op === 'sum', `grad ${k}`);
    });
  });
});

describe('core ops: gradients match float64 central differences on random shapes', () => {
  const shapeArb = fc.array(fc.integer({ min: 1, max: 4 }), { minLength: 0, maxLength: 4 });
  const values = (n: number, seed: number) =>
    Array.from({ length: n }, (_, i) => Math.sin(seed * 7.1 + i * 1.9) * 2);

  test('sum over random axes with and without keepDims', () => {
    fc.assert(
      fc.property(
        shapeArb,
        fc.integer({ min: 0, max: 15 }),
        fc.boolean(),
        fc.integer({ min: 1, max: 99 }),
        (shape, mask, keepDims, seed) => {
          const axis = shape.map((_, i) => i).filter((i) => (mask >> i) & 1);
          const x = leaf64(values(size(shape), seed), shape);
          checkGrad((t) => sum(t, { axis, keepDims }), [x]);
        },
      ),
      { numRuns: 40 },
    );
  });

  test('reshape to a random factorization, and neg', () => {
    fc.assert(
      fc.property(shapeArb, fc.integer({ min: 1, max: 99 }), (shape, seed) => {
        const x = leaf64(values(size(shape), seed), shape);
        checkGrad((t) => neg(reshape(t, [-1])), [x]);
        checkGrad((t) => reshape(t, [...shape].reverse()), [x]);
      }),
      { numRuns: 30 },
    );
  });

  test('broadcastTo a random target shape', () => {
    fc.assert(
      fc.property(
        shapeArb,
        fc.array(fc.boolean(), { maxLength: 4 }),
        fc.integer({ min: 0, max: 2 }),
        (target, ones, lead) => {
          const src = target.map((d, i) => (ones[i] ? 1 : d)).slice(Math.min(lead, target.length));
          const x = leaf64(values(size(src), lead + 3), src);
          checkGrad((t) => broadcastTo(t, target), [x]);
        },
      ),
      { numRuns: 40 },
    );
  });
});

describe('core ops: bad input', () => {
  const a = new Tensor(new Float32Array(6), [2, 3], 'float32');
  test('incompatible shapes name the op and both shapes', () => {
    expect(() => add(a, new Tensor(new Float32Array(2), [2], 'float32'))).toThrow(
      'add: shapes [2, 3] and [2] cannot be broadcast together (dimension 1: 3 vs 2)',
    );
    expect(() => broadcastTo(a, [3, 3])).toThrow(
      'broadcastTo: shapes [2, 3] and [3, 3] cannot be broadcast together',
    );
    expect(() => broadcastTo(a, [3])).toThrow('broadcastTo: cannot broadcast [2, 3] to [3]');
  });
  test('dtype mismatches and non-tensors are TypeErrors', () => {
    const i = new Tensor(new Int32Array(6), [2, 3], 'int32');
    expect(() => mul(a, i)).toThrow(TypeError);
    expect(() => mul(a, i)).toThrow('mul: dtypes differ: float32 and int32');
    expect(() => sub(1, 2 as unknown as Tensor)).toThrow(
      'sub: at least one operand must be a Tensor, got two numbers',
    );
    expect(() => div(i, i)).toThrow('div: int32 division is not supported');
  });
  test('bad axes and shapes', () => {
    expect(() => sum(a, { axis: 2 })).toThrow(
      'sum: axis must be an integer in [-2, 1] for a tensor of rank 2, got 2',
    );
    expect(() => sum(a, { axis: [0, -2] })).toThrow('sum: axis -2 is repeated in [0, -2]');
    expect(() => reshape(a, [4, -1])).toThrow('reshape: cannot reshape [2, 3] (6 elements) into [4, -1]');
    expect(() => reshape(a, [2.5, 2])).toThrow(
      'reshape: shape must hold non-negative integers and at most one -1',
    );
  });
});
