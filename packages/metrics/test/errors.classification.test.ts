import { describe, expect, test } from 'vitest';
import {
  accuracyScore,
  balancedAccuracyScore,
  brierScoreLoss,
  classificationReport,
  cohenKappaScore,
  confusionMatrix,
  f1Score,
  fbetaScore,
  hammingLoss,
  jaccardScore,
  logLoss,
  matthewsCorrcoef,
  precisionRecallFscoreSupport,
  precisionScore,
  recallScore,
  topKAccuracyScore,
} from '../src/index';

// biome-ignore lint/suspicious/noExplicitAny: deliberately wrong inputs
type Any = any;

const labelFns = {
  accuracyScore,
  balancedAccuracyScore,
  cohenKappaScore,
  confusionMatrix,
  f1Score,
  hammingLoss,
  jaccardScore,
  matthewsCorrcoef,
  precisionRecallFscoreSupport,
  precisionScore,
  recallScore,
  classificationReport,
} as Record<string, (a: Any, b: Any, o?: Any) => unknown>;

describe.each(Object.entries(labelFns))('%s rejects bad label inputs', (name, f) => {
  test('mismatched lengths: a RangeError naming the function and both lengths', () => {
    expect(() => f([0, 1, 1], [0, 1])).toThrow(RangeError);
    expect(() => f([0, 1, 1], [0, 1])).toThrow(new RegExp(`^${name}: .*same number of samples, got 3 and 2`));
  });
  test('empty inputs: a RangeError', () => {
    expect(() => f([], [])).toThrow(new RegExp(`^${name}: .*must not be empty, got 0 samples`));
  });
  test('NaN and infinite labels: a RangeError naming the value and index', () => {
    expect(() => f([0, Number.NaN], [0, 1])).toThrow(
      new RegExp(`^${name}: .*finite labels, got NaN at index 1`),
    );
    expect(() => f([0, 1], [Number.POSITIVE_INFINITY, 1])).toThrow(/got Infinity at index 0/);
  });
  test('numbers mixed with strings: a TypeError', () => {
    expect(() => f([0, 'a'], [0, 1])).toThrow(TypeError);
    expect(() => f(['a', 'b'], [0, 1])).toThrow(new RegExp(`^${name}: .*of one kind`));
  });
  test('not an array: a TypeError showing the value', () => {
    expect(() => f('abc', [0])).toThrow(new RegExp(`^${name}: yTrue|y1 must be an array.*got "abc"`));
    expect(() => f(null, [0])).toThrow(TypeError);
  });
  test('an unknown option: a TypeError with a did-you-mean for the scikit-learn spelling', () => {
    expect(() => f([0, 1], [0, 1], { sample_weight: [1, 1] })).toThrow(
      new RegExp(`^${name}: unknown option 'sample_weight'; did you mean 'sampleWeight'\\?`),
    );
  });
  test('sample weights: wrong length, negative or NaN', () => {
    expect(() => f([0, 1], [0, 1], { sampleWeight: [1] })).toThrow(
      /sampleWeight and yTrue must have the same number of samples, got 1 and 2/,
    );
    expect(() => f([0, 1], [0, 1], { sampleWeight: [1, -1] })).toThrow(
      /sampleWeight must be >= 0, got -1 at index 1/,
    );
    expect(() => f([0, 1], [0, 1], { sampleWeight: [1, Number.NaN] })).toThrow(
      /sampleWeight must be finite, got NaN at index 1/,
    );
  });
});

describe('averaging and label options', () => {
  test.each([precisionScore, recallScore, f1Score, jaccardScore] as Any[])(
    '%o: an unknown average name lists the valid ones',
    (f) => {
      expect(() => f([0, 1], [0, 1], { average: 'mean' })).toThrow(
        /average must be one of "binary", "micro", "macro", "weighted", "samples", null, got "mean"/,
      );
    },
  );
  test("average 'binary' on a multiclass target names the alternatives (scikit-learn's error)", () => {
    expect(() => precisionScore([0, 1, 2], [0, 1, 2])).toThrow(
      /the target is multiclass but average is 'binary'/,
    );
  });
  test('a posLabel that is not a label is a RangeError listing the labels', () => {
    expect(() => recallScore(['a', 'b'], ['a', 'b'], { posLabel: 'c' })).toThrow(
      /posLabel "c" is not a label; expected one of \["a", "b"\]/,
    );
  });
  test("'samples' averaging needs multilabel targets", () => {
    expect(() => f1Score([0, 1], [0, 1], { average: 'samples' })).toThrow(
      /average 'samples' needs multilabel/,
    );
  });
  test('zeroDivision must be 0, 1 or "warn"', () => {
    expect(() => f1Score([0, 1], [0, 1], { zeroDivision: 2 as Any })).toThrow(
      /zeroDivision must be one of 0, 1, "warn", got 2/,
    );
  });
  test("fbetaScore and precisionRecallFscoreSupport keep scikit-learn's two defaults (average, beta)", () => {
    // fbeta_score: average='binary', beta required; precision_recall_fscore_support: average=None, beta=1
    expect(fbetaScore([0, 1, 1], [0, 1, 0], { beta: 1 })).toBeTypeOf('number');
    const r = precisionRecallFscoreSupport([0, 1, 1], [0, 1, 0]);
    expect(Array.isArray(r.fscore)).toBe(true);
    expect(r.fscore).toEqual([
      fbetaScore([0, 1, 1], [0, 1, 0], { beta: 1, posLabel: 0 }),
      fbetaScore([0, 1, 1], [0, 1, 0], { beta: 1, posLabel: 1 }),
    ]);
  });

  test('fbetaScore needs beta >= 0', () => {
    expect(() => fbetaScore([0, 1], [0, 1])).toThrow(/fbetaScore: beta is required/);
    expect(() => fbetaScore([0, 1], [0, 1], { beta: -1 })).toThrow(
      /fbetaScore: beta must be a number >= 0, got -1/,
    );
  });
  test('confusionMatrix: labels none of which is in yTrue (scikit-learn raises)', () => {
    expect(() => confusionMatrix([0, 1], [0, 1], { labels: [5, 6] })).toThrow(
      /at least one of labels must be in yTrue/,
    );
    expect(() => confusionMatrix([0, 1], [0, 1], { labels: [0, 0] })).toThrow(/labels must be distinct/);
    expect(() => confusionMatrix([0, 1], [0, 1], { labels: ['a'] })).toThrow(
      /labels must be numbers like the data/,
    );
    expect(() => confusionMatrix([0, 1], [0, 1], { normalize: 'rows' as Any })).toThrow(
      /normalize must be one of "true", "pred", "all", null, got "rows"/,
    );
  });
  test('multilabel: label indices out of range, values other than 0/1, a label vector with a matrix', () => {
    expect(() => f1Score([[0, 1]], [[0, 1]], { labels: [2], average: 'macro' })).toThrow(
      /column indices in \[0, 2\), got 2/,
    );
    expect(() => f1Score([[0, 2]], [[0, 1]], { average: 'macro' })).toThrow(
      /only 0 and 1, got 2 at \[0, 1\]/,
    );
    expect(() => accuracyScore([[0, 1]], [1])).toThrow(/both be label vectors or both multilabel/);
    expect(() => accuracyScore([[0, 1]], [[0, 1, 1]])).toThrow(
      /same number of labels \(columns\), got 2 and 3/,
    );
    expect(() => confusionMatrix([[0, 1]] as Any, [[0, 1]] as Any)).toThrow(
      /multilabel indicator matrices are not supported/,
    );
  });
  test('classificationReport: targetNames of the wrong length, bad digits', () => {
    expect(() => classificationReport([0, 1], [0, 1], { targetNames: ['a'] })).toThrow(
      /one name per label \(2\), got 1/,
    );
    expect(() => classificationReport([0, 1], [0, 1], { digits: -1 })).toThrow(
      /digits must be an integer in \[0, 20\], got -1/,
    );
  });
  test('tensor-like inputs of the wrong rank', () => {
    expect(() => accuracyScore({ shape: [2, 2, 1], data: [0, 1, 0, 1] }, [0, 1])).toThrow(
      /accuracyScore: yTrue must be 1-D .*shape \[2, 2, 1\]/,
    );
  });
});

describe('probability metrics', () => {
  test('logLoss: NaN / infinite probabilities, one class, wrong number of columns', () => {
    expect(() =>
      logLoss(
        [0, 1],
        [
          [0.5, 0.5],
          [Number.NaN, 1],
        ],
      ),
    ).toThrow(/logLoss: yPred must be finite, got NaN at \[1, 0\]/);
    expect(() => logLoss([0, 1], [0.5, Number.POSITIVE_INFINITY])).toThrow(/got Infinity at index 1/);
    expect(() => logLoss([1, 1], [0.5, 0.6])).toThrow(
      /yTrue holds only one label \(1\); pass every class through the labels option/,
    );
    expect(() =>
      logLoss(
        [0, 1, 2],
        [
          [0.5, 0.5],
          [0.5, 0.5],
          [0.5, 0.5],
        ],
      ),
    ).toThrow(/yPred has 2 classes \(columns\) but yTrue has 3/);
    expect(() => logLoss([0, 1], [0.5, 0.5], { labels: [0, 2] })).toThrow(
      /yTrue holds 1 at index 1, which is not in labels \[0, 2\]/,
    );
    expect(() => logLoss([0, 1], [0.5, 0.5], { eps: 0.7 })).toThrow(
      /eps must be 'auto' or a number in \[0, 0.5\), got 0.7/,
    );
  });
  test('logLoss renormalizes rows that do not sum to 1, as scikit-learn 1.2 does (documented)', () => {
    const a = logLoss(
      [0, 1, 2],
      [
        [0.2, 0.2, 0.2],
        [0.1, 0.6, 0.3],
        [0.5, 0.5, 1],
      ],
    );
    const b = logLoss(
      [0, 1, 2],
      [
        [1 / 3, 1 / 3, 1 / 3],
        [0.1, 0.6, 0.3],
        [0.25, 0.25, 0.5],
      ],
    );
    expect(a).toBeCloseTo(b, 14);
  });
  test('brierScoreLoss: probabilities outside [0, 1], three classes, string labels without posLabel', () => {
    expect(() => brierScoreLoss([0, 1], [0.5, 1.5])).toThrow(
      /brierScoreLoss: yProb must be in \[0, 1\], got 1.5 at index 1/,
    );
    expect(() => brierScoreLoss([0, 1, 2], [0.5, 0.5, 0.5])).toThrow(/at most two classes \(binary\), got 3/);
    expect(() => brierScoreLoss(['a', 'b'], [0.5, 0.5])).toThrow(/pass posLabel for string labels/);
  });
  test('topKAccuracyScore: k, columns, unsorted labels', () => {
    expect(() =>
      topKAccuracyScore(
        [0, 1, 2],
        [
          [1, 0, 0],
          [0, 1, 0],
          [0, 0, 1],
        ],
        { k: 0 },
      ),
    ).toThrow(/k must be an integer >= 1, got 0/);
    expect(() =>
      topKAccuracyScore(
        [0, 1, 2],
        [
          [1, 0],
          [0, 1],
          [0, 0],
        ],
      ),
    ).toThrow(/yScore has 2 columns but there are 3 classes/);
    expect(() =>
      topKAccuracyScore(
        [0, 1, 2],
        [
          [1, 0, 0],
          [0, 1, 0],
          [0, 0, 1],
        ],
        { labels: [2, 1, 0] },
      ),
    ).toThrow(/labels must be sorted/);
    expect(() =>
      topKAccuracyScore(
        [0, 1, 3],
        [
          [1, 0, 0],
          [0, 1, 0],
          [0, 0, 1],
        ],
        { labels: [0, 1, 2] },
      ),
    ).toThrow(/yTrue holds 3 at index 2, which is not in labels/);
  });
});

describe('inputs other than plain arrays', () => {
  test('typed arrays and { shape, data } tensors give the same numbers as arrays', () => {
    const t = [0, 1, 2, 2, 1];
    const p = [0, 2, 2, 2, 1];
    const want = f1Score(t, p, { average: 'macro' });
    expect(f1Score(Int32Array.from(t), Float32Array.from(p), { average: 'macro' })).toBe(want);
    expect(
      f1Score({ shape: [5], data: t }, { shape: [5, 1], data: Float64Array.from(p) }, { average: 'macro' }),
    ).toBe(want);
    expect(
      f1Score(
        t.map((v) => [v]),
        p,
        { average: 'macro' },
      ),
    ).toBe(want);
    const probs = [
      [0.8, 0.2],
      [0.3, 0.7],
      [0.5, 0.5],
    ];
    expect(logLoss([0, 1, 1], { shape: [3, 2], data: probs.flat() })).toBe(logLoss([0, 1, 1], probs));
  });
});
