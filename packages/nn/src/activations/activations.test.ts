import { tensor } from '@dl/tensor';
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { checkGrad, leaf64, values } from '../../test/helpers';
import { Sequential } from '../Sequential';
import { ELU } from './ELU';
import { GELU } from './GELU';
import { LeakyReLU } from './LeakyReLU';
import { Mish } from './Mish';
import { PReLU } from './PReLU';
import { ReLU } from './ReLU';
import { SELU } from './SELU';
import { Sigmoid } from './Sigmoid';
import { SiLU } from './SiLU';
import { Softplus } from './Softplus';
import { Tanh } from './Tanh';

const all = () => [
  new ReLU(),
  new LeakyReLU({ negativeSlope: 0.2 }),
  new Sigmoid(),
  new Tanh(),
  new GELU(),
  new GELU({ approximate: 'tanh' }),
  new SiLU(),
  new Softplus({ beta: 2, threshold: 5 }),
  new ELU({ alpha: 0.5 }),
  new SELU(),
  new Mish(),
  new PReLU({ dtype: 'float64' }),
];

describe('activation modules', () => {
  test('only PReLU has a parameter (weight, init 0.25); the others have no state', () => {
    for (const m of all()) {
      const names = m.namedParameters().map(([n]) => n);
      expect(names).toEqual(m instanceof PReLU ? ['weight'] : []);
    }
    expect(new PReLU().weight.toArray()).toEqual([0.25]);
    expect(new PReLU({ numParameters: 3, init: 0.1 }).stateDict()['weight']!.shape).toEqual([3]);
  });

  test('property: every activation layer in a chain has float64 gradients matching finite differences', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 1000 }), fc.integer({ min: 1, max: 6 }), (seed, n) => {
        for (const m of all()) {
          // keep inputs away from the kinks of ReLU-like functions, where finite differences are not defined
          const x = leaf64(
            values(n, seed).map((v) => (Math.abs(v) < 0.01 ? v + 0.05 : v)),
            [1, n],
          );
          checkGrad(() => m.forward(x), [x, ...m.parameters()]);
        }
      }),
      { numRuns: 20 },
    );
  });

  test('layers compose in a Sequential and keep train/eval mode', () => {
    const s = new Sequential(...all());
    expect(s.forward(tensor([[0.5]], { dtype: 'float64' })).shape).toEqual([1, 1]);
    expect(Object.keys(s.stateDict())).toEqual(['11.weight']);
    s.eval();
    expect(s.modules().every((m) => !m.training)).toBe(true);
  });

  test('options are validated', () => {
    expect(() => new LeakyReLU({ negativeSlope: Number.NaN })).toThrow(
      'LeakyReLU: negativeSlope must be a finite number, got NaN',
    );
    expect(() => new ELU({ alpha: '1' as unknown as number })).toThrow(
      'ELU: alpha must be a finite number, got "1"',
    );
    expect(() => new Softplus({ threshold: Number.POSITIVE_INFINITY })).toThrow(
      'Softplus: threshold must be a finite number, got Infinity',
    );
    expect(() => new GELU({ approximate: 'erf' as 'none' })).toThrow(
      "GELU: approximate must be 'none' or 'tanh', got \"erf\"",
    );
    expect(() => new PReLU({ numParameters: 0 })).toThrow(
      'PReLU: numParameters must be a positive integer, got 0',
    );
    expect(() => new PReLU({ dtype: 'int32' as 'float32' })).toThrow(
      "PReLU: dtype must be 'float32' or 'float64', got \"int32\"",
    );
    expect(() => new PReLU({ numParameters: 3 }).forward(tensor([[1, 2]]))).toThrow(
      /prelu: weight has 3 slopes/,
    );
  });
});
