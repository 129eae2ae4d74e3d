import { describe, expect, it } from 'vitest';
import { constantPredictorLoss } from './constantPredictorLoss';
import { diagnoseCurves } from './diagnoseCurves';

const decay = (start: number, end: number, n: number, rate = 0.3) =>
  Array.from({ length: n }, (_, i) => end + (start - end) * Math.exp(-rate * i));
const C = Math.log(10);

describe('diagnoseCurves: the playbook cases on curves of known kind', () => {
  it('model bias: a large, flat training loss', () => {
    const train = decay(C, 1.6, 40);
    const d = diagnoseCurves({ train, validation: train.map((v) => v + 0.05) }, { constantLoss: C });
    expect(d.verdict).toBe('model-bias');
    expect(d.rule).toBe('train-loss-large');
    expect(d.evidence.relativeTrainLoss).toBeCloseTo(1.6 / C, 2);
    expect(d.remedies[0]).toMatch(/more flexible model/);
  });

  it('optimization: a larger model ends above a smaller one by more than the seed spread', () => {
    const deep = [0, 1, 2].map((s) => ({ train: decay(C, 1.2 + 0.02 * s, 40) }));
    const shallow = [0, 1, 2].map((s) => ({ train: decay(C, 0.3 + 0.02 * s, 40) }));
    const d = diagnoseCurves(deep, { constantLoss: C, smaller: shallow });
    expect(d.verdict).toBe('optimization');
    expect(d.evidence.smallerTrainEnd).toBeCloseTo(0.32, 2);
    expect(d.perRun).toEqual(['optimization', 'optimization', 'optimization']);
    // the same large loss without the smaller model's runs is model bias
    expect(diagnoseCurves(deep, { constantLoss: C }).verdict).toBe('model-bias');
  });

  it('overfitting: the validation minimum, then a rise; the early-stop epoch is the minimum', () => {
    const train = decay(C, 0.01, 50, 0.2);
    const validation = train.map((v, i) => v + 0.3 + 0.02 * Math.max(0, i - 12) ** 1.2);
    const d = diagnoseCurves({ train, validation }, { constantLoss: C });
    expect(d.verdict).toBe('overfitting');
    expect(d.rule).toBe('validation-minimum-then-rise');
    const argmin = validation.indexOf(Math.min(...validation));
    expect(d.earlyStopEpoch).toBe(argmin);
    expect(d.evidence.gapAtEnd!).toBeGreaterThan(d.evidence.gapAtMin!);
  });

  it('overfitting without a rise: a wide generalization gap', () => {
    const train = decay(C, 0.02, 40);
    const d = diagnoseCurves({ train, validation: train.map((v) => v + 0.8) }, { constantLoss: C });
    expect(d.verdict).toBe('overfitting');
    expect(d.rule).toBe('generalization-gap');
  });

  it('mismatch: validation fine, test much worse', () => {
    const train = decay(C, 0.05, 40);
    const validation = train.map((v) => v + 0.05);
    const d = diagnoseCurves(
      { train, validation, test: validation.map((v) => v + 0.9) },
      { constantLoss: C },
    );
    expect(d.verdict).toBe('mismatch');
    expect(d.evidence.testEnd! - d.evidence.validationEnd!).toBeCloseTo(0.9, 5);
  });

  it('healthy: small loss, small gap, converged', () => {
    const train = decay(C, 0.05, 40);
    const d = diagnoseCurves({ train, validation: train.map((v) => v + 0.05) }, { constantLoss: C });
    expect(d.verdict).toBe('healthy');
    expect(d.confidence).toBeGreaterThan(0.5);
  });

  it('not converged: still falling at the end', () => {
    const train = decay(C, 0, 30, 0.03);
    expect(diagnoseCurves({ train }, { constantLoss: C }).verdict).toBe('not-converged');
  });

  it('diverging: NaN in the logs is a verdict, not a crash, and says where', () => {
    const d = diagnoseCurves({ train: [2, 1.5, Number.NaN, Number.NaN] });
    expect(d.verdict).toBe('diverging');
    expect(d.evidence.nonFinite).toEqual({ curve: 'train', run: 0, epoch: 2, value: Number.NaN });
    expect(d.summary).toBe('the train loss of run 0 is NaN at epoch 2');
  });

  it('diverging: a training loss that rose', () => {
    expect(diagnoseCurves({ train: [1, 0.8, 1.5, 3, 6, 9] }).rule).toBe('train-loss-rose');
    expect(diagnoseCurves({ train: [2, 1, 0.5, 0.4, 1.5, 1.6, 1.7, 1.8, 1.9, 2] }).rule).toBe(
      'train-loss-unstable',
    );
  });

  it('inconclusive without a validation curve when the training loss is small', () => {
    const d = diagnoseCurves({ train: decay(C, 0.05, 40) }, { constantLoss: C });
    expect(d.verdict).toBe('inconclusive');
    expect(d.rule).toBe('no-validation-curve');
  });

  it('confidence falls when runs disagree', () => {
    const good = decay(C, 0.05, 40);
    const runs = [
      { train: good, validation: good.map((v) => v + 0.05) },
      { train: good, validation: good.map((v) => v + 0.05) },
      { train: decay(C, 1.8, 40) },
    ];
    const d = diagnoseCurves(runs, { constantLoss: C });
    expect(d.verdict).toBe('healthy');
    expect(d.perRun).toEqual(['healthy', 'healthy', 'model-bias']);
    expect(d.confidence).toBeLessThanOrEqual(2 / 3);
  });

  it('judges the scale from the constant predictor, not a magic number', () => {
    // a loss of 0.5 is large for balanced binary labels (H = 0.69) and small for ten classes (H = 2.30)
    const train = decay(2.3, 0.5, 40);
    const validation = train.map((v) => v + 0.02);
    expect(
      diagnoseCurves({ train, validation }, { constantLoss: constantPredictorLoss('crossEntropy', [0, 1]) })
        .verdict,
    ).toBe('model-bias');
    expect(diagnoseCurves({ train, validation }, { constantLoss: C }).verdict).toBe('healthy');
  });
});

describe('diagnoseCurves: bad input', () => {
  it('empty, ragged and non-numeric curves', () => {
    expect(() => diagnoseCurves({ train: [] })).toThrow(
      new TypeError('diagnoseCurves: runs.train must be a non-empty array of numbers, got []'),
    );
    expect(() => diagnoseCurves([])).toThrow(
      new RangeError('diagnoseCurves: runs must hold at least one run, got []'),
    );
    expect(() => diagnoseCurves({ train: [1, 2], validation: [1] })).toThrow(
      new RangeError(
        'diagnoseCurves: runs.validation has 1 values but runs.train has 2; curves must be aligned by epoch',
      ),
    );
    expect(() => diagnoseCurves({ train: [1, '2' as never] })).toThrow(
      new TypeError('diagnoseCurves: runs.train[1] must be a number, got "2"'),
    );
    expect(() => diagnoseCurves(null as never)).toThrow(
      /runs must be an object \{ train, validation\?, test\? \}, got null/,
    );
  });

  it('bad options', () => {
    expect(() => diagnoseCurves({ train: [1] }, { constantLoss: -1 })).toThrow(
      new RangeError('diagnoseCurves: constantLoss must be a number > floor (0), got -1'),
    );
    expect(() => diagnoseCurves({ train: [1] }, { tail: 0.9 })).toThrow(
      /tail must be in \(0, 0.5\], got 0.9/,
    );
    expect(() => diagnoseCurves({ train: [1] }, { constant_loss: 2 } as never)).toThrow(
      new TypeError("diagnoseCurves: unknown option 'constant_loss'; did you mean 'constantLoss'?"),
    );
  });
});

describe('constantPredictorLoss', () => {
  it('label entropy and target variance', () => {
    expect(constantPredictorLoss('crossEntropy', ['a', 'b', 'b', 'b'])).toBeCloseTo(
      -(0.25 * Math.log(0.25) + 0.75 * Math.log(0.75)),
      15,
    );
    expect(constantPredictorLoss('crossEntropy', [3, 3])).toBe(0);
    expect(constantPredictorLoss('mse', new Float32Array([0, 2]))).toBe(1);
  });
  it('rejects bad input', () => {
    expect(() => constantPredictorLoss('mae' as never, [1])).toThrow(
      new RangeError('constantPredictorLoss: loss must be "crossEntropy" or "mse", got "mae"'),
    );
    expect(() => constantPredictorLoss('mse', [])).toThrow(/non-empty array/);
    expect(() => constantPredictorLoss('mse', [1, Number.NaN])).toThrow(
      /mse targets must be finite numbers, got NaN at index 1/,
    );
  });
});
