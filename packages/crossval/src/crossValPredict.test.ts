import { describe, expect, test } from 'vitest';
import { crossValPredict } from './crossValPredict';
import { kFold } from './kFold';
import { leaveOneOut } from './leaveOneOut';
import { shuffleSplit } from './shuffleSplit';
import { stratifiedKFold } from './stratifiedKFold';
import { timeSeriesSplit } from './timeSeriesSplit';

const y = [1, 2, 3, 4, 5, 6, 7, 8];
const fit = ({ train }: { train: Int32Array }) =>
  Array.from(train, (i) => y[i]!).reduce((a, b) => a + b) / train.length;

describe('crossValPredict', () => {
  test('each sample is predicted by the model of the fold that tested it', async () => {
    const pred = await crossValPredict({
      splitter: kFold({ nSplits: 4, shuffle: true, randomState: 1 }),
      data: { y },
      fit,
      predict: (mean, idx) => Array.from(idx, () => mean),
    });
    for (const { train, test } of kFold({ nSplits: 4, shuffle: true, randomState: 1 }).split({
      nSamples: 8,
    })) {
      const m = fit({ train });
      for (const i of test) expect(pred[i]).toBe(m);
    }
  });

  test('works with stratified folds, leave-one-out and concurrency', async () => {
    const labels = [0, 1, 0, 1, 0, 1, 0, 1];
    const a = await crossValPredict({
      splitter: stratifiedKFold({ nSplits: 2 }),
      data: { y: labels },
      fit,
      predict: (_m, idx) => Array.from(idx, (i) => i * 10),
      concurrency: 2,
    });
    expect(a).toEqual([0, 10, 20, 30, 40, 50, 60, 70]);
    const b = await crossValPredict({ splitter: leaveOneOut(), data: { y }, fit, predict: (m) => [m] });
    expect(b[0]).toBe((36 - 1) / 7);
  });

  test('rejects splitters whose test sets are not a partition, as scikit-learn does', async () => {
    await expect(
      crossValPredict({
        splitter: shuffleSplit({ nSplits: 3, testSize: 2, randomState: 0 }),
        data: { y },
        fit,
        predict: (m, idx) => Array.from(idx, () => m),
      }),
    ).rejects.toThrow(
      /^crossValPredict: the splitter's test sets must partition the samples \(each tested exactly once\), got sample \d+ tested \d+ times by shuffleSplit$/,
    );
    await expect(
      crossValPredict({
        splitter: timeSeriesSplit({ nSplits: 3 }),
        data: { y },
        fit,
        predict: (m, idx) => Array.from(idx, () => m),
      }),
    ).rejects.toThrow('got sample 0 tested 0 times by timeSeriesSplit');
  });

  test('rejects bad options', async () => {
    const base = {
      splitter: kFold({ nSplits: 2 }),
      data: { y },
      fit,
      predict: (m: number, idx: Int32Array) => Array.from(idx, () => m),
    };
    await expect(crossValPredict(undefined as never)).rejects.toThrow(
      'crossValPredict: options must be an object like { splitter: … }, got undefined',
    );
    await expect(crossValPredict({ ...base, splitter: null as never })).rejects.toThrow(
      'crossValPredict: splitter must have a split method, got null',
    );
    await expect(crossValPredict({ ...base, predict: undefined as never })).rejects.toThrow(
      'crossValPredict: predict must be a function, got undefined',
    );
    await expect(crossValPredict({ ...base, concurrency: 1.5 })).rejects.toThrow(
      'crossValPredict: concurrency must be an integer >= 1, got 1.5',
    );
    await expect(crossValPredict({ ...base, predict: () => [1] })).rejects.toThrow(
      'crossValPredict: predict must return one prediction per test index (4), got 1',
    );
    await expect(crossValPredict({ ...base, signal: AbortSignal.abort(new Error('gone')) })).rejects.toThrow(
      'gone',
    );
  });
});
