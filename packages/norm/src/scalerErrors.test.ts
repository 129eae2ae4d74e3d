import { tensor } from '@dl/tensor';
import { describe, expect, test } from 'vitest';
import { maxAbsScaler } from './maxAbsScaler';
import { minMaxScaler } from './minMaxScaler';
import { robustScaler } from './robustScaler';
import { standardScaler } from './standardScaler';

const x = [
  [1, 2],
  [3, 5],
  [4, 9],
];

describe('scalers reject bad input with errors naming the call, the argument and the value', () => {
  test('transform before fit', () => {
    expect(() => standardScaler().transform(x, undefined as never)).toThrow(
      new TypeError(
        'standardScaler.transform: state is undefined; call fit (or partialFit) first and pass the state it returns',
      ),
    );
    expect(() => robustScaler().inverseTransform(x, null as never)).toThrow(
      /^robustScaler\.inverseTransform: state is null; call fit/,
    );
  });

  test('transform with a different feature count', () => {
    const state = standardScaler().fit(x);
    expect(() => standardScaler().transform([[1, 2, 3]], state)).toThrow(
      new RangeError(
        'standardScaler.transform: x has 3 features (shape [1, 3]), expected 2 as in the fitted state',
      ),
    );
    expect(() => minMaxScaler().partialFit([[1]], minMaxScaler().fit(x))).toThrow(
      /^minMaxScaler\.partialFit: x has 1 features \(shape \[1, 1\]\), expected 2/,
    );
  });

  test('inverseTransform of the wrong width', () => {
    const state = maxAbsScaler().fit(x);
    expect(() => maxAbsScaler().inverseTransform(tensor([[1, 2, 3]]), state)).toThrow(
      new RangeError(
        'maxAbsScaler.inverseTransform: x has 3 features (shape [1, 3]), expected 2 as in the fitted state',
      ),
    );
  });

  test('a state of another scaler, or a state with non-finite statistics (edited JSON)', () => {
    const state = minMaxScaler().fit(x);
    expect(() => standardScaler().transform(x, state as never)).toThrow(
      new TypeError(
        'standardScaler.transform: state must be a standardScaler state (from standardScaler().fit), got a state of kind "minMaxScaler"',
      ),
    );
    const broken = { ...standardScaler().fit(x), scale: [1, null] };
    expect(() => standardScaler().transform(x, broken as never)).toThrow(
      new RangeError('standardScaler.transform: state.scale must be 2 finite numbers, got [1, null]'),
    );
  });

  test('a feature with no value (all NaN) would give NaN statistics', () => {
    expect(() =>
      standardScaler().fit([
        [1, Number.NaN],
        [2, Number.NaN],
      ]),
    ).toThrow(
      new RangeError(
        'standardScaler.fit: feature 1 has no non-NaN value, so its statistics are not finite; drop or impute that column first',
      ),
    );
    expect(() => robustScaler().fit([[Number.NaN]])).toThrow(/^robustScaler\.fit: feature 0 has no non-NaN/);
  });

  test('infinite, non-numeric, ragged, 1-D, empty and int32 inputs', () => {
    expect(() => standardScaler().fit([[1, Infinity]])).toThrow(
      new RangeError(
        'standardScaler.fit: x[0][1] is Infinity; expected finite values (NaN marks a missing value)',
      ),
    );
    expect(() => standardScaler().fit([[1, '2' as never]])).toThrow(
      new TypeError('standardScaler.fit: x[0][1] must be a number, got "2"'),
    );
    expect(() => standardScaler().fit([[1, 2], [3]])).toThrow(
      new RangeError('standardScaler.fit: x must be rectangular, got row 1 = [3] where row 0 has 2 values'),
    );
    expect(() => standardScaler().fit([1, 2] as never)).toThrow(
      /^standardScaler\.fit: x must be 2-D \(an array of rows\), got row 0 = 1; wrap a single feature/,
    );
    expect(() => standardScaler().fit([])).toThrow(
      new RangeError('standardScaler.fit: x must have at least one row, got []'),
    );
    expect(() => standardScaler().fit(tensor([1, 2]))).toThrow(
      new RangeError('standardScaler.fit: x must be 2-D [nSamples, nFeatures], got a tensor of shape [2]'),
    );
    expect(() => standardScaler().fit(tensor([[1]], { dtype: 'int32' }))).toThrow(TypeError);
  });

  test('options: unknown keys get a "did you mean", bad values are named', () => {
    expect(() => standardScaler({ with_mean: false } as never)).toThrow(
      /^standardScaler: unknown option 'with_mean'; did you mean 'withMean'\?/,
    );
    expect(() => standardScaler({ withStd: 1 as never })).toThrow(
      new TypeError('standardScaler: withStd must be a boolean, got 1'),
    );
    expect(() => standardScaler({ ddof: 2 as never })).toThrow(
      new RangeError('standardScaler: ddof must be 0 or 1, got 2'),
    );
    expect(() => minMaxScaler({ featureRange: [1, 0] })).toThrow(
      new RangeError('minMaxScaler: featureRange must be [min, max] with finite min < max, got [1, 0]'),
    );
    expect(() => minMaxScaler({ feature_range: [0, 2] } as never)).toThrow(/did you mean 'featureRange'/);
    expect(() => robustScaler({ quantileRange: [25, 125] })).toThrow(
      new RangeError(
        'robustScaler: quantileRange must be [qMin, qMax] with 0 <= qMin < qMax <= 100, got [25, 125]',
      ),
    );
    expect(() => robustScaler({ unitVariance: 'yes' as never })).toThrow(
      new TypeError('robustScaler: unitVariance must be a boolean, got "yes"'),
    );
  });

  test('robustScaler has no partialFit (quantiles do not stream), as in scikit-learn', () => {
    expect('partialFit' in robustScaler()).toBe(false);
  });
});
