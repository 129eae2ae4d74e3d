import {
  createGenerator,
  gradients,
  hvp,
  linearDefaultInit,
  mul,
  reshape,
  sum,
  type Tensor,
  tanh,
  tensor,
} from '@dl/tensor';
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { checkGrad, leaf64, values } from '../test/helpers';
import { Tanh } from './activations/Tanh';
import { Linear } from './Linear';
import { Sequential } from './Sequential';

describe('Linear: initialization', () => {
  test('weight [out, in] and bias [out] within ±1/sqrt(in), PyTorch’s default; parameters require gradients', () => {
    const layer = new Linear(16, 5, { seed: 3 });
    expect(layer.weight.shape).toEqual([5, 16]);
    expect(layer.bias!.shape).toEqual([5]);
    for (const p of [layer.weight, layer.bias!]) {
      expect(p.requiresGrad).toBe(true);
      expect(p.isLeaf).toBe(true);
      expect(Array.from(p.data).every((v) => Math.abs(v) <= 0.25)).toBe(true);
    }
    // not degenerate: spread over the interval
    const w = Array.from(layer.weight.data);
    expect(Math.max(...w) - Math.min(...w)).toBeGreaterThan(0.3);
    expect(layer.inFeatures).toBe(16);
    expect(layer.outFeatures).toBe(5);
  });

  test('draws exactly what linearDefaultInit draws from the same generator; seeds reproduce', () => {
    const layer = new Linear(4, 3, { generator: createGenerator(42) });
    const ref = linearDefaultInit(4, 3, { generator: createGenerator(42) });
    expect(layer.weight.toArray()).toEqual(ref.weight.toArray());
    expect(layer.bias!.toArray()).toEqual(ref.bias!.toArray());
    expect(new Linear(4, 3, { seed: 42 }).stateDict()).toEqual(layer.stateDict());
    // a shared generator advances: two layers get different weights
    const g = createGenerator(1);
    expect(new Linear(4, 3, { generator: g }).stateDict()).not.toEqual(
      new Linear(4, 3, { generator: g }).stateDict(),
    );
    // without a generator or seed, weights are random
    expect(new Linear(4, 3).stateDict()).not.toEqual(new Linear(4, 3).stateDict());
  });

  test('bias: false and float64', () => {
    const layer = new Linear(2, 3, { bias: false, dtype: 'float64', seed: 0 });
    expect(layer.bias).toBeNull();
    expect(layer.weight.dtype).toBe('float64');
    expect(layer.namedParameters().map(([n]) => n)).toEqual(['weight']);
  });

  test('bad arguments', () => {
    expect(() => new Linear(2.5, 3)).toThrow('Linear: inFeatures must be a non-negative integer, got 2.5');
    expect(() => new Linear(2, -1)).toThrow('Linear: outFeatures must be a non-negative integer, got -1');
    expect(() => new Linear(2, 3, { bias: 1 as unknown as boolean })).toThrow(
      'Linear: bias must be a boolean, got 1',
    );
    expect(() => new Linear(2, 3, { dtype: 'int32' as 'float32' })).toThrow(
      "Linear: dtype must be 'float32' or 'float64', got \"int32\"",
    );
    expect(() => new Linear(2, 3, { generator: {} as never })).toThrow(
      'Linear: generator must be a Generator from createGenerator(seed), got an object',
    );
    expect(() => new Linear(2, 3, { seed: 0.5 })).toThrow('Linear: seed must be a safe integer, got 0.5');
    const layer = new Linear(4, 2, { seed: 0 });
    expect(() => layer.forward(tensor([[1, 2, 3]]))).toThrow(
      'Linear: x has shape [1, 3], expected a last dimension of inFeatures = 4',
    );
    expect(() => layer.forward(tensor(1))).toThrow(RangeError);
    expect(() => layer.forward([1, 2, 3, 4] as unknown as Tensor)).toThrow(
      'Linear: x must be a Tensor, got [1, 2, 3, 4]',
    );
  });
});

describe('Linear: forward and gradients', () => {
  test('y = x W^T + b on hand-set weights', () => {
    const layer = new Linear(2, 2, { seed: 0 });
    layer.loadStateDict({
      weight: { shape: [2, 2], data: [1, 2, 3, 4] },
      bias: { shape: [2], data: [10, 20] },
    });
    expect(layer.forward(tensor([[1, 1]])).toArray()).toEqual([[13, 27]]);
    // a single example without a batch dimension, like PyTorch
    expect(layer.forward(tensor([1, 1])).toArray()).toEqual([13, 27]);
  });

  test('property: gradients w.r.t. input, weight and bias match float64 finite differences (random batch shapes)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 1, max: 3 }), { minLength: 1, maxLength: 3 }),
        fc.integer({ min: 1, max: 4 }),
        fc.integer({ min: 1, max: 4 }),
        fc.boolean(),
        fc.integer({ min: 1, max: 1000 }),
        (batch, inF, outF, bias, seed) => {
          const layer = new Linear(inF, outF, { bias, dtype: 'float64', seed });
          const shape = [...batch, inF];
          const x = leaf64(
            values(
              shape.reduce((a, b) => a * b, 1),
              seed,
            ),
            shape,
          );
          const y = layer.forward(x);
          expect(y.shape).toEqual([...batch, outF]);
          checkGrad(() => layer.forward(x), [x, ...layer.parameters()]);
        },
      ),
      { numRuns: 40 },
    );
  });

  test('second order: Hessian-vector product of a Linear-Tanh-Linear loss w.r.t. the input matches finite differences of the gradient', () => {
    const model = new Sequential(
      new Linear(3, 4, { dtype: 'float64', seed: 5 }),
      new Tanh(),
      new Linear(4, 1, { dtype: 'float64', seed: 6 }),
    );
    const f = (x: Tensor) => {
      const y = model.forward(reshape(x, [1, 3]));
      return sum(mul(y, y));
    };
    const x = tensor(Float64Array.from([0.3, -0.8, 0.5]));
    const v = tensor(Float64Array.from([1, 0.5, -2]));
    const h = hvp(f, x, v);
    const eps = 1e-5;
    const gradAt = (s: number) => {
      const xs = leaf64(
        Array.from(x.data, (xi, i) => xi + s * v.data[i]!),
        [3],
      );
      return gradients(f(xs), [xs])[0]!.data;
    };
    const up = gradAt(eps);
    const down = gradAt(-eps);
    for (let i = 0; i < 3; i++) expect(h.data[i]).toBeCloseTo((up[i]! - down[i]!) / (2 * eps), 6);
  });

  test('double backward through the parameters: d/dW of |dL/dx|^2 matches finite differences', () => {
    const layer = new Linear(2, 2, { dtype: 'float64', bias: false, seed: 9 });
    const x = leaf64([0.4, -1.1], [1, 2]);
    const f = () => {
      const [gx] = gradients(sum(tanh(layer.forward(x))), [x], { createGraph: true });
      return sum(mul(gx!, gx!));
    };
    checkGrad(f, [layer.weight]);
  });
});
