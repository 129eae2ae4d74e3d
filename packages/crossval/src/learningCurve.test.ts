import { describe, expect, test } from 'vitest';
import { kFold } from './kFold';
import { learningCurve } from './learningCurve';
import { RandomState } from './RandomState';

describe('learningCurve', () => {
  test('fits on prefixes of each split train set, sizes from the first split, rows per size', async () => {
    const fits: [number, number[]][] = [];
    const curve = await learningCurve({
      splitter: kFold({ nSplits: 3 }),
      data: { nSamples: 10 },
      trainSizes: [0.5, 1.0],
      fit: ({ fold, train }) => {
        fits.push([fold, Array.from(train)]);
        return train.length;
      },
      evaluate: (size, idx) => size * 100 + idx.length,
    });
    // first split trains on 6 samples: sizes 3 and 6
    expect(curve.trainSizes).toEqual([3, 6]);
    expect(fits).toEqual([
      [0, [4, 5, 6]],
      [0, [4, 5, 6, 7, 8, 9]],
      [1, [0, 1, 2]],
      [1, [0, 1, 2, 3, 7, 8]],
      [2, [0, 1, 2]],
      [2, [0, 1, 2, 3, 4, 5]],
    ]);
    expect(curve.testScores).toEqual([
      [304, 303, 303],
      [604, 603, 603],
    ]);
    expect(curve.trainScores).toEqual([
      [303, 303, 303],
      [606, 606, 606],
    ]);
    expect(curve.fitTimes).toHaveLength(2);
  });

  test("the default sizes are numpy's linspace(0.1, 1.0, 5)", async () => {
    const curve = await learningCurve({
      splitter: kFold({ nSplits: 2 }),
      data: { nSamples: 200 },
      fit: () => 0,
      evaluate: () => 0,
    });
    expect(curve.trainSizes).toEqual([10, 32, 55, 77, 100]);
  });

  test('shuffle permutes each train set once, from one stream', async () => {
    const seen: number[][] = [];
    await learningCurve({
      splitter: kFold({ nSplits: 2 }),
      data: { nSamples: 8 },
      trainSizes: [4],
      shuffle: true,
      randomState: 0,
      fit: ({ train }) => seen.push(Array.from(train)),
      evaluate: () => 0,
    });
    const rng = new RandomState(0);
    expect(seen).toEqual([
      Array.from(rng.permutation([4, 5, 6, 7])),
      Array.from(rng.permutation([0, 1, 2, 3])),
    ]);
  });

  test('progress, cancellation and errors', async () => {
    const progress: number[] = [];
    const controller = new AbortController();
    await expect(
      learningCurve({
        splitter: kFold({ nSplits: 2 }),
        data: { nSamples: 8 },
        trainSizes: [2, 4],
        signal: controller.signal,
        onProgress: ({ completed }) => {
          progress.push(completed);
          if (completed === 3) controller.abort(new Error('enough'));
        },
        fit: () => 0,
        evaluate: () => 0,
      }),
    ).rejects.toThrow('enough');
    expect(progress).toEqual([1, 2, 3]);
    const base = { splitter: kFold({ nSplits: 2 }), data: { nSamples: 8 }, fit: () => 0, evaluate: () => 0 };
    await expect(learningCurve(null as never)).rejects.toThrow(
      'learningCurve: options must be an object like { splitter: … }, got null',
    );
    await expect(learningCurve({ ...base, splitter: 1 as never })).rejects.toThrow(
      'learningCurve: splitter must have a split method, got 1',
    );
    await expect(learningCurve({ ...base, fit: null as never })).rejects.toThrow(
      'learningCurve: fit must be a function, got null',
    );
    await expect(learningCurve({ ...base, shuffle: 'yes' as never })).rejects.toThrow(
      'learningCurve: shuffle must be a boolean, got "yes"',
    );
    await expect(learningCurve({ ...base, evaluate: () => 'bad' as never })).rejects.toThrow(
      'learningCurve: evaluate must return a number, got "bad"',
    );
    await expect(learningCurve({ ...base, trainSizes: [0.5, 2.5] })).rejects.toThrow(
      'translateTrainSizes: trainSizes are fractions of the largest training set and must be in (0, 1], got [0.5, 2.5]',
    );
  });
});
