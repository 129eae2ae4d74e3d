/** The cases issue 14's trial found, each a library-formed error or the documented PyTorch-like behaviour. */
import { describe, expect, test } from 'vitest';
import { kFold } from '../../packages/crossval/src/index';
import { Dropout, ELU, LeakyReLU, Linear, Module, ReLU } from '../../packages/nn/src/index';
import { constant, createScheduler, reduceOnPlateau } from '../../packages/schedule/src/index';
import * as t from '../../packages/tensor/src/index';

const x = t.tensor([
  [1, 2, 3],
  [4, 5, 6],
]);

describe('unknown and foreign option names are errors naming the one meant', () => {
  test.each([
    [
      () => t.softmax(x, { dim: 0 } as never),
      "softmax: unknown option 'dim'; did you mean 'axis'? (PyTorch's name)",
    ],
    [() => t.sum(x, { dim: 1 } as never), "sum: unknown option 'dim'; did you mean 'axis'? (PyTorch's name)"],
    [
      () => t.mean(x, { keepdim: true } as never),
      "mean: unknown option 'keepdim'; did you mean 'keepDims'? (PyTorch's name)",
    ],
    [
      () => t.variance(x, { unbiased: false } as never),
      "variance: unknown option 'unbiased'; did you mean 'correction'? (PyTorch's name)",
    ],
    [
      () => kFold({ shuffle: true, random_state: 0 } as never),
      "kFold: unknown option 'random_state'; did you mean 'randomState'? (scikit-learn's name)",
    ],
    [
      () => createScheduler({ lr: 0.1 }, { schedule: { lr: constant(1) } } as never),
      "createScheduler: unknown option 'schedule'; did you mean 'schedules'?",
    ],
    [() => new Linear(2, 3, { bais: false } as never), "Linear: unknown option 'bais'; did you mean 'bias'?"],
    [
      () => [...kFold().split({ n_samples: 4 } as never)],
      "kFold.split: unknown option 'n_samples'; did you mean 'nSamples'?",
    ],
  ])('%#', (f, message) => {
    expect(f).toThrow(new TypeError(message));
  });
});

describe('bare hyperparameters mean what they mean in PyTorch', () => {
  test('reductions and softmax take the axis', () => {
    expect(t.sum(x, 1).toArray()).toEqual([6, 15]);
    expect(t.sum(x, [0, 1]).item()).toBe(21);
    expect(t.softmax(x, 0).shape).toEqual([2, 3]);
    expect(t.sum(t.softmax(x, 0), 0).toArray()).toEqual([1, 1, 1]);
    expect(t.argmax(x, 1).toArray()).toEqual([2, 2]);
  });

  test('layers take their first hyperparameter', () => {
    expect(new LeakyReLU(0.2).negativeSlope).toBe(0.2);
    expect(new ELU(0.5).alpha).toBe(0.5);
    expect(new Dropout(0.25).p).toBe(0.25);
    expect(new Linear(2, 3, false).bias).toBeNull();
    expect(() => t.clip(x, 0 as never)).toThrow(/^clip: options must be an object like \{ min: … \}, got 0$/);
  });
});

describe('no internal errors leak', () => {
  test.each([
    [() => t.tensor([1], { dtype: 'float16' as never }), TypeError, /^tensor: dtype must be/],
    [() => t.zeros([2], { dtype: 'bool' as never }), TypeError, /^zeros: dtype must be/],
    [() => t.neg(5 as never), TypeError, /^neg: x must be a Tensor, got 5$/],
    [() => t.gradients(t.sum(x), x as never), TypeError, /^gradients: inputs must be an array of Tensors/],
    [() => reduceOnPlateau().update(null as never, 1), TypeError, /^reduceOnPlateau\.update: state must be/],
    [
      () => createScheduler({ lr: 1 }, { schedules: { lr: 'fast' as never } }),
      TypeError,
      /^createScheduler: schedules\.lr must be a Schedule \(step => value\) or a number, got "fast"$/,
    ],
    [
      () => t.broadcastTo(x, [-1]),
      TypeError,
      /^broadcastTo: shape must be an array of non-negative integers, got \[-1\]$/,
    ],
    [() => t.permute(x, [0, 0]), RangeError, /^permute: /],
    [() => t.grad(() => 1 as never)(x), TypeError, /^grad: /],
    [
      () => kFold(kFold as never),
      TypeError,
      /^kFold: options must be an object like \{ nSplits: … \}, got a function \(kFold\)$/,
    ],
    [() => constant(Number.NaN), TypeError, /^constant: value must be a finite number, got NaN$/],
    [() => constant('a' as never), TypeError, /^constant: value must be a finite number, got "a"$/],
    [() => t.cast(t.tensor([Number.NaN]), 'int32'), RangeError, /^cast: x holds NaN at flat index 0/],
  ] as const)('%#', (f, kind, message) => {
    expect(f).toThrow(kind);
    expect(f).toThrow(message);
  });
});

describe('arguments beyond the declared parameters are errors with the fix (PyTorch habits)', () => {
  // as plain JavaScript calls them (TypeScript already rejects these calls)
  const loose = (f: unknown) => f as (...a: unknown[]) => unknown;
  const looseClass = (c: unknown) => c as new (...a: unknown[]) => unknown;
  test.each([
    [
      () => loose(t.sum)(x, 1, true),
      'sum: unexpected 3rd argument true; pass options as { axis: 1, keepDims: true }',
    ],
    [
      () => loose(t.mean)(x, [0, 1], true),
      'mean: unexpected 3rd argument true; pass options as { axis: [0, 1], keepDims: true }',
    ],
    [
      () => new (looseClass(Dropout))(0.5, { seed: 1 }),
      'Dropout: unexpected 2nd argument { seed: 1 }; pass options as { p: 0.5, seed: 1 }',
    ],
    [
      () => new (looseClass(Linear))(2, 3, false, { seed: 1 }),
      'Linear: unexpected 4th argument { seed: 1 }; pass options as { bias: false, seed: 1 }',
    ],
    [
      () => loose(t.softmax)(x, { axis: 0 }, 'float64'),
      'softmax: unexpected 3rd argument "float64"; pass every option in the options object (argument 2)',
    ],
    [() => loose(t.add)(x, x, 1), 'add: unexpected 3rd argument 1; it takes 2 arguments'],
    [() => new (looseClass(ReLU))(true), 'ReLU: unexpected 1st argument true; it takes no arguments'],
    [() => loose(constant)(0.1, 5), 'constant: unexpected 2nd argument 5; it takes 1 argument'],
  ] as const)('%#', (f, message) => {
    expect(f).toThrow(new TypeError(message));
  });

  test('a subclass without a constructor is named by its own name; undefined extras are ignored', () => {
    class Net extends Module {
      forward(v: t.Tensor) {
        return v;
      }
    }
    expect(() => new (looseClass(Net))(3)).toThrow(
      new TypeError('Net: unexpected 1st argument 3; it takes no arguments'),
    );
    expect((loose(t.sum)(x, 1, undefined) as t.Tensor).toArray()).toEqual([6, 15]);
  });

  test('methods too: named by the class of the receiver, with the fix', () => {
    const linear = new Linear(3, 2, { seed: 0 });
    expect(() => loose(linear.forward).call(linear, x, true)).toThrow(
      new TypeError('Linear.forward: unexpected 2nd argument true; it takes 1 argument'),
    );
    // declared by Module, called on a Linear
    expect(() => loose(linear.parameters).call(linear, true)).toThrow(
      new TypeError('Linear.parameters: unexpected 1st argument true; it takes no arguments'),
    );
    expect(() => loose(linear.train).call(linear, false, true)).toThrow(
      new TypeError('Linear.train: unexpected 2nd argument true; it takes 1 argument'),
    );
    const w = t.tensor([1, 2], { requiresGrad: true });
    expect(() => loose(w.item).call(w, 0)).toThrow(
      new TypeError('Tensor.item: unexpected 1st argument 0; it takes no arguments'),
    );
    // a user's subclass is named by its own name; a detached method by the declaring class
    class Net extends Linear {}
    const net = new Net(3, 2);
    expect(() => loose(net.forward).call(net, x, 1)).toThrow(/^Net\.forward: unexpected 2nd argument 1;/);
    expect(() => loose(linear.parameters)(1)).toThrow(/^Module\.parameters: unexpected 1st argument 1;/);
    // an undefined extra changes nothing; methods the platform calls with arguments of their own are left alone
    expect(loose(linear.forward).call(linear, x, undefined)).toBeInstanceOf(t.Tensor);
    expect(JSON.parse(JSON.stringify({ v: w }))).toBeTypeOf('object');
  });
});
