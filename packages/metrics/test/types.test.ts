import { expect, expectTypeOf, test } from 'vitest';
import { type Average, f1Score, jaccardScore, meanAbsoluteError, r2Score, rocAucScore } from '../src/index';

// The assertions are checked by the compiler (the package's typecheck task); at run time the values are checked.
test('averaged scores are typed number, per-label scores (average: null) number[]', () => {
  const one = f1Score([0, 1, 1], [0, 1, 0]);
  const each = f1Score([0, 1, 1], [0, 1, 0], { average: null });
  expectTypeOf(one).toEqualTypeOf<number>();
  expectTypeOf(each).toEqualTypeOf<number[]>();
  expectTypeOf(jaccardScore([[0, 1]], [[0, 1]], { average: 'macro' })).toEqualTypeOf<number>();
  expectTypeOf(rocAucScore([0, 1], [0.2, 0.7])).toEqualTypeOf<number>();
  const average = 'macro' as Average;
  expectTypeOf(f1Score([0, 1], [0, 1], { average })).toEqualTypeOf<number | number[]>();
  expect(typeof one).toBe('number');
  expect(Array.isArray(each)).toBe(true);
});

test("regression scores are number, or number[] with multioutput: 'raw_values'", () => {
  const raw = r2Score(
    [
      [1, 2],
      [2, 3],
      [3, 5],
    ],
    [
      [1, 2],
      [2, 2],
      [3, 4],
    ],
    { multioutput: 'raw_values' },
  );
  expectTypeOf(raw).toEqualTypeOf<number[]>();
  expectTypeOf(meanAbsoluteError([1, 2], [1, 3])).toEqualTypeOf<number>();
  expect(raw).toHaveLength(2);
});
