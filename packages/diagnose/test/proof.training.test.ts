// Proof on real training: runs whose true case is known by construction, trained with @dl packages on the UCI
// digits (data/digits), each diagnosed by diagnoseCurves. Full-batch Adam, small models: a few seconds in all.
import { Sigmoid } from '@dl/nn';
import { describe, expect, it } from 'vitest';
import { mlp, digitsSplit as split, train } from '../scripts/digitsTraining';
import { constantPredictorLoss } from '../src/constantPredictorLoss';
import { diagnoseCurves } from '../src/diagnoseCurves';

const trainSet = split(0, 1000);
const validation = split(1000, 1400);
const constantLoss = constantPredictorLoss('crossEntropy', Array.from(trainSet.y.data as Int32Array));

// generous timeouts: these train real models, and CI machines may be busy
describe('diagnoseCurves on real training runs (digits)', { timeout: 180_000 }, () => {
  it('a one-unit bottleneck is model bias', () => {
    const runs = [1, 2].map((seed) =>
      train(mlp([64, 1, 10], seed), { train: trainSet, validation }, 150, 0.02),
    );
    const d = diagnoseCurves(runs, { constantLoss });
    expect(d.verdict, d.summary).toBe('model-bias');
    expect(d.evidence.relativeTrainLoss).toBeGreaterThan(0.3);
  });

  it('a deep plain sigmoid network trains worse than a shallow one: optimization', () => {
    const deep = [1, 2].map((seed) =>
      train(
        mlp([64, 32, 32, 32, 32, 32, 32, 32, 32, 10], seed, Sigmoid),
        { train: trainSet, validation },
        60,
        0.001,
      ),
    );
    const shallow = [1, 2].map((seed) =>
      train(mlp([64, 32, 10], seed, Sigmoid), { train: trainSet, validation }, 60, 0.001),
    );
    const d = diagnoseCurves(deep, { constantLoss, smaller: shallow });
    expect(d.verdict, d.summary).toBe('optimization');
    expect(d.evidence.smallerTrainEnd!).toBeLessThan(d.evidence.trainEnd);
  });

  it('a large model on 40 examples overfits; the early-stop epoch is the validation minimum', () => {
    const small = split(0, 40);
    const run = train(mlp([64, 256, 10], 3), { train: small, validation }, 300, 0.01);
    const d = diagnoseCurves(run, { constantLoss });
    expect(d.verdict, d.summary).toBe('overfitting');
    const v = run.validation!;
    expect(d.earlyStopEpoch).toBe(v.indexOf(Math.min(...v)));
    expect(v.at(-1)!).toBeGreaterThan(Math.min(...v));
  });

  it('testing on shifted data (inverted pixels) after training on unshifted data is a mismatch', () => {
    const test = split(1400, 1797, (v) => (16 - v) / 16);
    const run = train(mlp([64, 64, 10], 4), { train: trainSet, validation, test }, 80, 0.01);
    const d = diagnoseCurves(run, { constantLoss });
    expect(d.verdict, d.summary).toBe('mismatch');
  });

  it('a good setup is healthy', () => {
    const runs = [5, 6].map((seed) =>
      train(mlp([64, 64, 10], seed), { train: trainSet, validation }, 80, 0.01),
    );
    const d = diagnoseCurves(runs, { constantLoss });
    expect(d.verdict, d.summary).toBe('healthy');
  });
});
