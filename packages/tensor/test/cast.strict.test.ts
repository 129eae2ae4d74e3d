import { describe, expect, test } from 'vitest';
import { tensor } from '../src/creation/tensor';
import { cast } from '../src/ops/cast';

describe('cast to int32: values without an int32 are errors (PyTorch: platform-dependent)', () => {
  test('truncates toward zero inside the range, including its ends', () => {
    const x = tensor([-2.7, -0.5, 0.5, 2.7, -2147483648, 2147483647.9], { dtype: 'float64' });
    expect(Array.from(cast(x, 'int32').data)).toEqual([-2, 0, 0, 2, -2147483648, 2147483647]);
  });

  test.each([
    [Number.NaN, 'NaN'],
    [Number.POSITIVE_INFINITY, 'Infinity'],
    [Number.NEGATIVE_INFINITY, '-Infinity'],
    [2147483648, '2147483648'],
    [-2147483649, '-2147483649'],
  ])('%s is a RangeError naming the element', (v, shown) => {
    const x = tensor([1, v], { dtype: 'float64' });
    expect(() => cast(x, 'int32')).toThrow(
      new RangeError(
        `cast: x holds ${shown} at flat index 1, which has no int32 value (int32 holds integers in [-2^31, 2^31))`,
      ),
    );
  });

  test('float32 NaN too', () => {
    expect(() => cast(tensor([Number.NaN]), 'int32')).toThrow(RangeError);
  });
});
