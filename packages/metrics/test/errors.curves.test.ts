import { describe, expect, test } from 'vitest';
import {
  auc,
  averagePrecisionScore,
  calibrationCurve,
  detCurve,
  expectedCalibrationError,
  maxError,
  meanAbsoluteError,
  meanSquaredLogError,
  precisionRecallCurve,
  precisionRecallCurveSvg,
  r2Score,
  reliabilityDiagramSvg,
  rocAucScore,
  rocCurve,
  rocCurveSvg,
} from '../src/index';

// biome-ignore lint/suspicious/noExplicitAny: deliberately wrong inputs
type Any = any;
const scoreFns = { rocCurve, rocAucScore, precisionRecallCurve, averagePrecisionScore, detCurve } as Record<
  string,
  (a: Any, b: Any, o?: Any) => unknown
>;

describe.each(Object.entries(scoreFns))('%s rejects bad score inputs', (name, f) => {
  test('NaN or infinite scores: a RangeError naming the argument, value and index', () => {
    expect(() => f([0, 1, 1], [0.1, Number.NaN, 0.3])).toThrow(
      new RegExp(`^${name}: \\w+ must be finite, got NaN at index 1`),
    );
    expect(() => f([0, 1, 1], [0.1, 0.2, Number.NEGATIVE_INFINITY])).toThrow(
      /must be finite, got -Infinity at index 2/,
    );
  });
  test('mismatched lengths and empty inputs', () => {
    expect(() => f([0, 1, 1], [0.1, 0.2])).toThrow(/same number of samples, got 3 and 2/);
    expect(() => f([], [])).toThrow(/must not be empty, got 0 samples/);
  });
  test('an unknown option has a did-you-mean', () => {
    expect(() => f([0, 1], [0.1, 0.2], { sample_weight: [1, 1] })).toThrow(
      new RegExp(`^${name}: unknown option 'sample_weight'; did you mean 'sampleWeight'\\?`),
    );
  });
});

describe('ranking errors', () => {
  test("a single class in yTrue: ROC AUC is not defined (scikit-learn's error)", () => {
    expect(() => rocAucScore([1, 1, 1], [0.1, 0.5, 0.9])).toThrow(
      /rocAucScore: only one class is present in yTrue/,
    );
    expect(() => detCurve([1, 1], [0.1, 0.5])).toThrow(/detCurve: only one class is present/);
  });
  test('labels other than {0, 1} / {-1, 1} need posLabel', () => {
    expect(() => rocCurve(['a', 'b'], [0.1, 0.5])).toThrow(
      /rocCurve: yTrue takes values \["a", "b"\] and posLabel is not given/,
    );
    expect(() => rocCurve([0, 1, 2], [0.1, 0.5, 0.7])).toThrow(
      /yTrue must be binary \(two classes at most\) unless posLabel is given, got 3 classes/,
    );
  });
  test('multiclass ROC AUC: multiClass must be chosen, scores must be probabilities, maxFpr is binary-only', () => {
    const p = [
      [0.2, 0.3, 0.5],
      [0.6, 0.2, 0.2],
      [0.1, 0.8, 0.1],
    ];
    expect(() => rocAucScore([2, 0, 1], p)).toThrow(/yTrue is multiclass; pass multiClass 'ovr' or 'ovo'/);
    expect(() =>
      rocAucScore(
        [2, 0, 1],
        [
          [1, 1, 1],
          [0.6, 0.2, 0.2],
          [0.1, 0.8, 0.1],
        ],
        { multiClass: 'ovr' },
      ),
    ).toThrow(/probabilities summing to 1 over classes, got a row summing to 3 at row 0/);
    expect(() => rocAucScore([2, 0, 1], p, { multiClass: 'ovr', maxFpr: 0.5 })).toThrow(
      /maxFpr \(partial AUC\) is not available for multiclass/,
    );
    expect(() => rocAucScore([2, 0, 1], p, { multiClass: 'ovo', sampleWeight: [1, 1, 1] })).toThrow(
      /sampleWeight is not supported for multiClass 'ovo'/,
    );
    expect(() => rocAucScore([2, 0, 1], p, { multiClass: 'ovo', average: null })).toThrow(
      /average \(with multiClass "ovo"\) must be one of "macro", "weighted", got null/,
    );
    expect(() => rocAucScore([2, 0, 1], p, { multiClass: 'ova' as Any })).toThrow(
      /multiClass must be one of "raise", "ovr", "ovo", got "ova"/,
    );
    expect(() => rocAucScore([3, 0, 1], p, { multiClass: 'ovr', labels: [0, 1, 2] })).toThrow(
      /yTrue holds 3 at index 0, which is not in labels/,
    );
  });
  test('unknown average names and maxFpr out of range', () => {
    expect(() => rocAucScore([0, 1], [0.1, 0.2], { average: 'mean' as Any })).toThrow(
      /average must be one of "micro", "macro", "weighted", "samples", null, got "mean"/,
    );
    expect(() => rocAucScore([0, 1], [0.1, 0.2], { maxFpr: 0 })).toThrow(/maxFpr must be in \(0, 1\], got 0/);
    expect(() => rocAucScore([0, 1], [0.1, 0.2], { maxFpr: 1.5 })).toThrow(/got 1.5/);
  });
  test('average precision: multiclass targets and a posLabel that is not a label', () => {
    expect(() => averagePrecisionScore([0, 1, 2], [0.1, 0.2, 0.3])).toThrow(
      /multiclass \(3 classes\), which average precision does not support/,
    );
    expect(() => averagePrecisionScore(['a', 'b'], [0.1, 0.2])).toThrow(
      /posLabel 1 is not a label; expected one of \["a", "b"\]/,
    );
  });
  test('rocCurve with no negatives returns NaN rates, as scikit-learn (which warns)', () => {
    const { fpr, tpr } = rocCurve([1, 1], [0.2, 0.4]);
    expect(Number.isNaN(fpr[1]!)).toBe(true);
    expect(Array.from(tpr)).toEqual([0, 0.5, 1]);
  });
  test('auc needs monotonic x and two points', () => {
    expect(() => auc([0, 2, 1], [1, 1, 1])).toThrow(
      /auc: x must be monotonic increasing or decreasing, got 0, 2, 1/,
    );
    expect(() => auc([0], [1])).toThrow(/at least 2 points/);
  });
});

describe('calibration and regression errors', () => {
  test('calibration: probabilities outside [0, 1], multiclass, bad nBins and strategy', () => {
    expect(() => calibrationCurve([0, 1], [0.2, 1.2])).toThrow(
      /calibrationCurve: yProb must be in \[0, 1\], got 1.2 at index 1/,
    );
    expect(() => calibrationCurve([0, 1, 2], [0.2, 0.5, 0.9], { posLabel: 1 })).toThrow(
      /only binary targets are supported, got 3 classes/,
    );
    expect(() => calibrationCurve([0, 1], [0.2, 0.5], { nBins: 0 })).toThrow(
      /nBins must be an integer >= 1, got 0/,
    );
    expect(() => calibrationCurve([0, 1], [0.2, 0.5], { strategy: 'kmeans' as Any })).toThrow(
      /strategy must be one of "uniform", "quantile", got "kmeans"/,
    );
    expect(() => expectedCalibrationError([0, 1], [0.2, 0.5], { norm: 'l3' as Any })).toThrow(
      /norm must be one of "l1", "l2", "max", got "l3"/,
    );
    const p = [
      [0.5, 0.5],
      [0.4, 0.6],
      [0.3, 0.7],
    ];
    expect(() => expectedCalibrationError([0, 1, 5], p)).toThrow(
      /yTrue has 3 classes but yProb has 2 columns/,
    );
  });
  test('regression: NaN, mismatched outputs, negative values for the log error, several outputs for maxError', () => {
    expect(() => meanAbsoluteError([1, Number.NaN], [1, 2])).toThrow(
      /meanAbsoluteError: yTrue must be finite, got NaN at index 1/,
    );
    expect(() => meanAbsoluteError([[1, 2]], [[1, 2, 3]])).toThrow(
      /same number of outputs \(columns\), got 2 and 3/,
    );
    expect(() => meanSquaredLogError([1, -1], [1, 2])).toThrow(
      /yTrue must be >= 0 \(the log of 1 \+ y is taken\), got -1 at index 1/,
    );
    expect(() => maxError([[1, 2]] as Any, [[1, 2]] as Any)).toThrow(/several outputs are not supported/);
    expect(() => meanAbsoluteError([1, 2], [1, 2], { multioutput: 'variance_weighted' })).toThrow(
      /multioutput must be one of "raw_values", "uniform_average" or an array of weights, got "variance_weighted"/,
    );
    expect(() =>
      r2Score(
        [
          [1, 2],
          [2, 1],
        ],
        [
          [1, 2],
          [2, 2],
        ],
        { multioutput: [1] },
      ),
    ).toThrow(/one weight per output \(2\), got 1/);
  });
});

describe('the curve SVGs share one options reader, each naming itself', () => {
  const f64 = (a: number[]) => Float64Array.from(a);
  const roc = { fpr: f64([0, 0.5, 1]), tpr: f64([0, 1, 1]) };
  const pr = { precision: f64([1, 0.5, 1]), recall: f64([1, 0.5, 0]) };
  const cal = { probPred: f64([0.2, 0.8]), probTrue: f64([0.1, 0.9]) };
  test.each([
    ['rocCurveSvg', () => rocCurveSvg(roc, { witdh: 300 } as Any)],
    ['precisionRecallCurveSvg', () => precisionRecallCurveSvg(pr, { witdh: 300 } as Any)],
    ['reliabilityDiagramSvg', () => reliabilityDiagramSvg(cal, { witdh: 300 } as Any)],
  ])('%s', (name, f) => {
    expect(f).toThrow(new TypeError(`${name}: unknown option 'witdh'; did you mean 'width'?`));
  });
  test('the defaults are the documented ones', () => {
    const svg = reliabilityDiagramSvg(cal);
    expect(svg).toContain('width="360"');
    expect(svg).toContain('height="340"');
  });
});
