import { expect, it, describe as suite } from 'vitest';
import { describe } from './describe';

suite('describe', () => {
  it('quotes strings and prints numbers as written', () => {
    expect(describe('5')).toBe('"5"');
    expect(describe(5)).toBe('5');
    expect(describe(-0)).toBe('-0');
    expect(describe(Number.NaN)).toBe('NaN');
    expect(describe(Number.NEGATIVE_INFINITY)).toBe('-Infinity');
    expect(describe('x'.repeat(50))).toBe(`"${'x'.repeat(40)}…"`);
  });

  it('lists short arrays and summarizes long or nested ones', () => {
    expect(describe([1, '2', null])).toBe('[1, "2", null]');
    expect(describe([[1, 2]])).toBe('[an array of length 2]');
    expect(describe(Array.from({ length: 10 }, (_, i) => i))).toBe('[0, 1, 2, 3, 4, 5, 6, 7, … (10 items)]');
  });

  it('describes functions, typed arrays, tensors and objects instead of printing them', () => {
    expect(describe(function kFold() {})).toBe('a function (kFold)');
    expect(describe(() => 1)).toBe('a function');
    expect(describe(new Float32Array(3))).toBe('a Float32Array of length 3');
    class Tensor {
      shape = [2, 3];
      dtype = 'float32';
    }
    expect(describe(new Tensor())).toBe('Tensor(float32, [2, 3])');
    expect(describe({ shape: [1], dtype: 'float32' })).toBe('an object shaped like a tensor (float32, [1])');
    expect(describe({ a: 1 })).toBe('an object');
    expect(describe(new Map())).toBe('a Map');
    expect(describe(null)).toBe('null');
    expect(describe(undefined)).toBe('undefined');
  });
});
