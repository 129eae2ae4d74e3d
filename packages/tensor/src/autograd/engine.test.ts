import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { broadcastPair, size } from '../../test/arbitraries';
import { checkGrad, leaf64 } from '../../test/gradcheck';
import { tensor } from '../creation/tensor';
import { hvp } from '../grad';
import { add } from '../ops/add';
import { div } from '../ops/div';
import { mul } from '../ops/mul';
import { sub } from '../ops/sub';
import { sum } from '../ops/sum';
import { gradients } from './engine';
import { noGrad } from './gradMode';

const values = (n: number, seed: number) =>
  Array.from({ length: n }, (_, i) => Math.sin(seed * 12.9898 + i * 78.233) * 2);

describe('autograd of broadcasting binary ops (property: matches float64 central differences)', () => {
  for (const [name, op] of [
    ['add', add],
    ['sub', sub],
    ['mul', mul],
    ['div', div],
  ] as const) {
    test(`${name}(a, b) with random broadcast shapes, both argument orders`, () => {
      fc.assert(
        fc.property(
          broadcastPair,
          fc.boolean(),
          fc.integer({ min: 1, max: 1000 }),
          ([sa, sb], swap, seed) => {
            const [s1, s2] = swap ? [sb, sa] : [sa, sb];
            const a = leaf64(values(size(s1), seed), s1);
            // keep divisors away from zero
            const b = leaf64(
              values(size(s2), seed + 1).map((v) => (name === 'div' ? v + Math.sign(v || 1) * 1.5 : v)),
              s2,
            );
            checkGrad(op, [a, b]);
          },
        ),
        { numRuns: 40 },
      );
    });
  }
});

describe('backward', () => {
  test('accumulates into .grad across calls and zeroGrad clears it', () => {
    const x = tensor([1, 2, 3], { requiresGrad: true });
    sum(mul(x, x)).backward();
    sum(mul(x, x)).backward();
    expect(x.grad?.toArray()).toEqual([4, 8, 12]);
    x.zeroGrad();
    expect(x.grad).toBeNull();
  });

  test('a chain 20,000 ops deep runs backward (iterative walk), and a shallow pass after it is unaffected', () => {
    const x = tensor([1, 2], { requiresGrad: true });
    let y = x;
    for (let i = 0; i < 20_000; i++) y = add(mul(y, 1), 0.5);
    sum(y).backward();
    expect(x.grad?.toArray()).toEqual([1, 1]);
    // the walk's stack is kept between passes: a later, shallower graph reads none of the deep one's entries
    const a = tensor([3], { requiresGrad: true });
    const b = tensor([4], { requiresGrad: true });
    sum(add(mul(a, b), mul(a, a))).backward();
    expect(a.grad?.toArray()).toEqual([10]);
    expect(b.grad?.toArray()).toEqual([3]);
    expect(x.grad?.toArray()).toEqual([1, 1]);
  });

  test('a non-scalar output without a seed is an error naming the shape', () => {
    const x = tensor([[1, 2]], { requiresGrad: true });
    expect(() => mul(x, 2).backward()).toThrow(
      'backward: the output has shape [1, 2]; a non-scalar output needs a seed gradient of the same shape',
    );
  });

  test('a seed of the wrong shape is an error', () => {
    const x = tensor([1, 2], { requiresGrad: true });
    expect(() => mul(x, 2).backward(tensor([1, 2, 3]))).toThrow('seed gradient has shape [3], expected');
  });

  test('running backward twice through a freed graph is an error; retainGraph allows it', () => {
    const x = tensor([1, 2], { requiresGrad: true });
    const y = sum(mul(x, x));
    y.backward();
    expect(() => y.backward()).toThrow("graph through 'sum' has already been freed");
    const z = sum(mul(x, x));
    z.backward(undefined, { retainGraph: true });
    z.backward();
    expect(x.grad?.toArray()).toEqual([2 + 2 + 2, 4 + 4 + 4]);
  });

  test('detached and noGrad results do not require gradients; backward on them is an error', () => {
    const x = tensor([1, 2], { requiresGrad: true });
    expect(mul(x, 2).detach().requiresGrad).toBe(false);
    const y = noGrad(() => sum(mul(x, 2)));
    expect(y.requiresGrad).toBe(false);
    expect(() => y.backward()).toThrow('backward: the output does not require gradients');
  });

  test('gradients() of an unused input throws unless allowUnused', () => {
    const x = tensor([1, 2], { requiresGrad: true });
    const z = tensor([1, 2], { requiresGrad: true });
    expect(() => gradients(sum(x), [z])).toThrow('gradients: output does not depend on inputs[0]');
    expect(gradients(sum(x), [z], { allowUnused: true })[0]!.toArray()).toEqual([0, 0]);
  });
});

describe('second order', () => {
  test('hvp of f(x) = sum(x^3) / (1 + sum(x)) matches finite differences of the gradient', () => {
    const f = (x: import('../tensor').Tensor) => div(sum(mul(mul(x, x), x)), add(sum(x), 1));
    const x = leaf64([0.5, -1.2, 2.0], [3]);
    const v = leaf64([0.3, 0.1, -0.7], [3]);
    const h = hvp(f, x, v);
    const eps = 1e-5;
    const gradAt = (shift: number) => {
      const xs = leaf64(
        Array.from(x.data, (xi, i) => xi + shift * v.data[i]!),
        [3],
      );
      return gradients(f(xs), [xs])[0]!.data;
    };
    const up = gradAt(eps);
    const down = gradAt(-eps);
    for (let i = 0; i < 3; i++) expect(h.data[i]).toBeCloseTo((up[i]! - down[i]!) / (2 * eps), 6);
  });
});
