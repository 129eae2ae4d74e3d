/** Error paths and behaviour details of the elementwise area (what the oracle fixtures cannot express). */
import { describe, expect, test } from 'vitest';
import { gradients } from '../src/autograd/engine';
import { tensor } from '../src/creation/tensor';
import * as ew from '../src/exports/elementwise';
import { mean } from '../src/ops/mean';
import { sum } from '../src/ops/sum';
import type { Tensor } from '../src/tensor';

const f32 = (v: number[]) => tensor(v);
const f64 = (v: number[], requiresGrad = false) => tensor(v, { dtype: 'float64', requiresGrad });
const i32 = (v: number[]) => tensor(v, { dtype: 'int32' });
// biome-ignore lint/suspicious/noExplicitAny: deliberately wrong arguments.
const bad = (v: unknown) => v as any;

describe('argument errors name the op, the argument, what was received and what was expected', () => {
  const floatOnly: [string, (x: Tensor) => Tensor][] = [
    ['exp', ew.exp],
    ['log', ew.log],
    ['log1p', ew.log1p],
    ['expm1', ew.expm1],
    ['sqrt', ew.sqrt],
    ['rsqrt', ew.rsqrt],
    ['reciprocal', ew.reciprocal],
    ['sin', ew.sin],
    ['cos', ew.cos],
    ['tanh', ew.tanh],
    ['sigmoid', ew.sigmoid],
    ['erf', ew.erf],
    ['erfc', ew.erfc],
    ['leakyRelu', ew.leakyRelu],
    ['elu', ew.elu],
    ['selu', ew.selu],
    ['celu', ew.celu],
    ['gelu', ew.gelu],
    ['silu', ew.silu],
    ['mish', ew.mish],
    ['softplus', ew.softplus],
    ['logSigmoid', ew.logSigmoid],
    ['hardtanh', ew.hardtanh],
    ['relu6', ew.relu6],
  ];
  for (const [name, op] of floatOnly) {
    test(`${name} rejects a non-tensor and an int32 tensor`, () => {
      expect(() => op(bad([1, 2]))).toThrow(new TypeError(`${name}: x must be a Tensor, got [1, 2]`));
      expect(() => op(i32([1]))).toThrow(
        new TypeError(
          `${name}: x must be a float32 or float64 tensor, got int32; convert it with cast() first`,
        ),
      );
    });
  }

  const anyDtype: [string, (x: Tensor) => Tensor][] = [
    ['abs', ew.abs],
    ['sign', ew.sign],
    ['square', ew.square],
    ['relu', ew.relu],
    ['isNan', ew.isNan],
    ['isInf', ew.isInf],
    ['isFiniteMask', ew.isFiniteMask],
  ];
  for (const [name, op] of anyDtype) {
    test(`${name} rejects a non-tensor and accepts int32`, () => {
      expect(() => op(bad(null))).toThrow(new TypeError(`${name}: x must be a Tensor, got null`));
      const masks = ['isNan', 'isInf', 'isFiniteMask'];
      expect(op(i32([-2, 0, 3])).dtype).toBe(masks.includes(name) ? 'float32' : 'int32');
    });
  }

  test('pow: int32, two numbers, mismatched dtypes, incompatible shapes', () => {
    expect(() => ew.pow(i32([1]), 2)).toThrow(
      new TypeError('pow: operands must be float32 or float64 tensors, got int32; cast them first'),
    );
    expect(() => ew.pow(2, 3)).toThrow('pow: at least one operand must be a Tensor, got two numbers');
    expect(() => ew.pow(f32([1]), f64([1]))).toThrow('pow: dtypes differ: float32 and float64');
    expect(() => ew.pow(tensor([[1, 2, 3]]), f32([1, 2]))).toThrow(
      new RangeError('pow: shapes [1, 3] and [2] cannot be broadcast together (dimension 1: 3 vs 2)'),
    );
  });

  for (const name of [
    'maximum',
    'minimum',
    'equal',
    'notEqual',
    'less',
    'lessEqual',
    'greater',
    'greaterEqual',
  ]) {
    test(`${name}: incompatible shapes, two numbers, a non-tensor`, () => {
      const op = (ew as unknown as Record<string, (a: unknown, b: unknown) => Tensor>)[name]!;
      expect(() => op(tensor([[1, 2, 3]]), f32([1, 2]))).toThrow(
        new RangeError(`${name}: shapes [1, 3] and [2] cannot be broadcast together (dimension 1: 3 vs 2)`),
      );
      expect(() => op(1, 2)).toThrow(`${name}: at least one operand must be a Tensor, got two numbers`);
      expect(() => op(f32([1]), 'x')).toThrow(`${name}: b must be a Tensor or a number, got "x"`);
    });
  }

  test('where: condition, operands, dtypes and shapes', () => {
    expect(() => ew.where(bad([1]), f32([1]), 0)).toThrow(
      new TypeError('where: condition must be a Tensor, got [1]'),
    );
    expect(() => ew.where(f32([1]), 1, 0)).toThrow(
      new TypeError('where: at least one of a and b must be a Tensor, got two numbers'),
    );
    expect(() => ew.where(f32([1]), bad('a'), 0)).toThrow(
      new TypeError('where: a must be a Tensor, got "a"'),
    );
    expect(() => ew.where(f32([1]), f32([1]), f64([1]))).toThrow(
      new TypeError('where: dtypes of a and b differ: float32 and float64; convert one with cast() first'),
    );
    expect(() => ew.where(f32([1, 0, 1]), f32([1, 2]), 0)).toThrow(
      new RangeError('where: shapes [3] (condition), [2] (a) and [] (b) cannot be broadcast together'),
    );
  });

  test('clip: needs a bound; bounds must be numbers', () => {
    expect(() => ew.clip(f32([1]), {})).toThrow(
      new TypeError('clip: at least one of options.min and options.max must be given, got neither'),
    );
    expect(() => ew.clip(f32([1]), { min: Number.NaN })).toThrow(
      new TypeError('clip: options.min must be a non-NaN number, got NaN'),
    );
    expect(() => ew.clip(f32([1]), { max: bad('1') })).toThrow(
      new TypeError('clip: options.max must be a non-NaN number, got "1"'),
    );
    expect(() => ew.clip(bad(3), { max: 1 })).toThrow(new TypeError('clip: x must be a Tensor, got 3'));
  });

  test('activation options are validated', () => {
    expect(() => ew.leakyRelu(f32([1]), { negativeSlope: bad('0.1') })).toThrow(
      new TypeError('leakyRelu: options.negativeSlope must be a finite number, got "0.1"'),
    );
    expect(() => ew.elu(f32([1]), { alpha: Infinity })).toThrow(
      new TypeError('elu: options.alpha must be a finite number, got Infinity'),
    );
    expect(() => ew.celu(f32([1]), { alpha: 0 })).toThrow(
      new RangeError('celu: options.alpha must be non-zero, got 0'),
    );
    expect(() => ew.softplus(f32([1]), { beta: 0 })).toThrow(
      new RangeError('softplus: options.beta must be non-zero, got 0'),
    );
    expect(() => ew.softplus(f32([1]), { threshold: Number.NaN })).toThrow(
      new TypeError('softplus: options.threshold must be a non-NaN number, got NaN'),
    );
    expect(() => ew.silu(f32([1]), { beta: bad('x') })).toThrow(
      new TypeError('silu: options.beta must be a finite number, got "x"'),
    );
    expect(() => ew.gelu(f32([1]), { approximate: bad('erf') })).toThrow(
      new TypeError("gelu: options.approximate must be 'none' or 'tanh', got \"erf\""),
    );
    expect(() => ew.hardtanh(f32([1]), { minVal: 2, maxVal: 1 })).toThrow(
      new RangeError('hardtanh: options.minVal must not exceed options.maxVal, got minVal 2 > maxVal 1'),
    );
  });

  test('prelu: weight shape, channel count, dtype', () => {
    const x = tensor([
      [1, -1, 2],
      [-2, 3, -3],
    ]);
    expect(() => ew.prelu(x, tensor([[0.1, 0.2, 0.3]]))).toThrow(
      new RangeError(
        'prelu: weight must have one element or be 1-D with one slope per channel, got shape [1, 3]',
      ),
    );
    expect(() => ew.prelu(x, f32([0.1, 0.2]))).toThrow(
      new RangeError('prelu: weight has 2 slopes but x of shape [2, 3] has 3 channels in dimension 1'),
    );
    expect(() => ew.prelu(f32([1, 2]), f32([0.1, 0.2]))).toThrow(
      new RangeError('prelu: weight has 2 slopes but x of shape [2] has no channel dimension'),
    );
    expect(() => ew.prelu(x, f64([0.1]))).toThrow(
      new TypeError("prelu: weight has dtype float64, expected x's dtype float32"),
    );
    expect(() => ew.prelu(x, bad(0.25))).toThrow(new TypeError('prelu: weight must be a Tensor, got 0.25'));
    expect(() => ew.prelu(i32([1]), f32([0.25]))).toThrow(
      new TypeError('prelu: x must be a float32 or float64 tensor, got int32; convert it with cast() first'),
    );
  });
});

describe('behaviour', () => {
  test('comparison and test masks have the inputs dtype and never require gradients', () => {
    const x = f64([1, 2, 3], true);
    for (const m of [ew.greater(x, 2), ew.equal(x, x), ew.isNan(x), ew.isFiniteMask(x)]) {
      expect(m.dtype).toBe('float64');
      expect(m.requiresGrad).toBe(false);
    }
    expect(ew.less(i32([1, 5]), 3).toArray()).toEqual([1, 0]);
    expect(ew.less(i32([1, 5]), 3).dtype).toBe('float32');
    expect(ew.notEqual(f32([Number.NaN]), f32([Number.NaN])).toArray()).toEqual([1]);
    expect(ew.equal(f32([Number.NaN]), f32([Number.NaN])).toArray()).toEqual([0]);
  });

  test('masks of int32 inputs are float32 0/1, so mean(equal(pred, labels)) is the accuracy (as .float().mean() in PyTorch)', () => {
    const pred = i32([0, 2, 1, 1, 2]);
    const labels = i32([0, 1, 1, 1, 0]);
    const masks = [
      ew.equal(pred, labels),
      ew.notEqual(pred, labels),
      ew.less(pred, labels),
      ew.lessEqual(pred, labels),
      ew.greater(pred, labels),
      ew.greaterEqual(pred, labels),
      ew.isNan(pred),
      ew.isInf(pred),
      ew.isFiniteMask(pred),
    ];
    for (const m of masks) {
      expect(m.dtype).toBe('float32');
      expect(m.shape).toEqual([5]);
      expect(m.requiresGrad).toBe(false);
    }
    expect(Array.from(masks[0]!.data)).toEqual([1, 0, 1, 1, 0]);
    expect(Array.from(masks[2]!.data)).toEqual([0, 0, 0, 0, 0]);
    expect(Array.from(masks[4]!.data)).toEqual([0, 1, 0, 0, 1]);
    expect(Array.from(masks[8]!.data)).toEqual([1, 1, 1, 1, 1]);
    expect(mean(ew.equal(pred, labels)).item()).toBeCloseTo(0.6, 7);
    expect(mean(ew.equal(pred, 1)).item()).toBeCloseTo(0.4, 7);
    // broadcasting (the general kernel path) converts too
    expect(ew.equal(tensor([[1], [2]], { dtype: 'int32' }), i32([1, 2])).toArray()).toEqual([
      [1, 0],
      [0, 1],
    ]);
    expect(ew.equal(tensor([[1], [2]], { dtype: 'int32' }), i32([1, 2])).dtype).toBe('float32');
    // float inputs keep their dtype: a float64 mask for float64 inputs
    expect(ew.equal(f64([1, 2], false), 1).dtype).toBe('float64');
  });

  test('sigmoid, softplus, logSigmoid, silu, mish, gelu stay finite with finite gradients for |x| up to 1e30', () => {
    const big = [-1e30, -1e4, -700, -100, 100, 700, 1e4, 1e30];
    for (const op of [ew.sigmoid, ew.softplus, ew.logSigmoid, ew.silu, ew.mish, ew.gelu, ew.tanh]) {
      const x = f64(big, true);
      const y = op(x);
      for (const v of y.data) expect(Number.isFinite(v)).toBe(true);
      sum(y).backward();
      for (const v of x.grad!.data) expect(Number.isFinite(v)).toBe(true);
    }
    const y = ew.gelu(f64([-1e4, 1e4]), { approximate: 'tanh' });
    expect(Array.from(y.data)).toEqual([-0, 1e4]);
  });

  test('NaN propagates through relu, maximum, minimum, clip, hardtanh; sign(NaN) is 0 as in PyTorch', () => {
    const n = Number.NaN;
    expect(ew.relu(f32([n])).data[0]).toBeNaN();
    expect(ew.maximum(f32([n, 1]), f32([1, n])).toArray()).toEqual([n, n]);
    expect(ew.minimum(f32([n, 1]), f32([1, n])).toArray()).toEqual([n, n]);
    expect(ew.clip(f32([n]), { min: 0, max: 1 }).data[0]).toBeNaN();
    expect(ew.hardtanh(f32([n])).data[0]).toBeNaN();
    expect(ew.sign(f32([n])).toArray()).toEqual([0]);
  });

  test('where accepts any-dtype masks (non-zero is true) and scalar branches', () => {
    const x = tensor([-1, 2, -3]);
    expect(ew.where(i32([1, 0, 5]), x, 0).toArray()).toEqual([-1, 0, -3]);
    expect(ew.where(ew.less(x, 0), 7, x).toArray()).toEqual([7, 2, 7]);
  });

  test('the condition of where gets no gradient, even when it requires one', () => {
    const c = f64([1, 0], true);
    const a = f64([1, 2], true);
    const y = sum(ew.where(c, a, 0));
    const [gc, ga] = gradients(y, [c, a], { allowUnused: true });
    expect(gc!.toArray()).toEqual([0, 0]);
    expect(ga!.toArray()).toEqual([1, 0]);
  });
});
