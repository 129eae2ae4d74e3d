import { describe, expect, test } from 'vitest';
import { tensor } from '../src/creation/tensor';
import { assertFinite } from '../src/debug/assertFinite';
import { findNonFinite } from '../src/debug/findNonFinite';

describe('findNonFinite / assertFinite', () => {
  test('finds the first NaN or infinity in row-major order with its multi-index', () => {
    expect(
      findNonFinite(
        tensor([
          [1, 2, 3],
          [4, Number.NEGATIVE_INFINITY, Number.NaN],
        ]),
      ),
    ).toEqual({
      index: 4,
      value: Number.NEGATIVE_INFINITY,
      multiIndex: [1, 1],
    });
    const hit = findNonFinite(tensor([Number.NaN], { dtype: 'float64' }));
    expect(hit?.index).toBe(0);
    expect(hit?.value).toBeNaN();
    expect(findNonFinite(tensor(Number.POSITIVE_INFINITY))).toEqual({
      index: 0,
      value: Number.POSITIVE_INFINITY,
      multiIndex: [],
    });
    expect(findNonFinite(tensor([1e38, -3.4e38, 0]))).toBeNull();
    expect(findNonFinite(tensor([1, 2], { dtype: 'int32' }))).toBeNull();
    expect(findNonFinite(tensor([]))).toBeNull();
    const data = new Float32Array(24);
    data[17] = Number.NaN;
    expect(findNonFinite({ shape: [2, 3, 4], data })?.multiIndex).toEqual([1, 1, 1]);
  });

  test('assertFinite returns its argument or throws naming tensor, index and value', () => {
    const ok = tensor([1, 2]);
    expect(assertFinite(ok, 'w')).toBe(ok);
    expect(() =>
      assertFinite(
        tensor([
          [0, 1],
          [Number.NaN, 2],
        ]),
        'logits',
      ),
    ).toThrow(RangeError);
    expect(() =>
      assertFinite(
        tensor([
          [0, 1],
          [Number.NaN, 2],
        ]),
        'logits',
      ),
    ).toThrow(
      'assertFinite: logits has a non-finite value NaN at index [1, 0] (flat index 2) of shape [2, 2]',
    );
    expect(() => assertFinite(tensor([Number.POSITIVE_INFINITY]))).toThrow(
      'assertFinite: tensor has a non-finite value Infinity at index [0] (flat index 0) of shape [1]',
    );
  });

  test('errors: not a tensor', () => {
    expect(() => findNonFinite({ shape: [2], data: [1, 2] } as never)).toThrow(
      'findNonFinite: x.data must be a Float32Array or an Int32Array (or a Float64Array), got Array',
    );
  });
});
