import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import {
  RandomState,
  shuffledBatches,
  type TrainTestSplitOptions,
  type TrainValTestSplitOptions,
  trainTestSplit,
  trainValTestSplit,
  translateTrainSizes,
} from '../src/index';

const random = JSON.parse(readFileSync(new URL('../fixtures/random.json', import.meta.url), 'utf8')) as {
  cases: {
    seed: number | number[];
    uint32: number[];
    randomSample: number[];
    randint: number[];
    permutations: number[][];
    after: number[];
  }[];
};
const oneshot = JSON.parse(readFileSync(new URL('../fixtures/oneshot.json', import.meta.url), 'utf8')) as {
  trainTestSplit: { options: TrainTestSplitOptions; train?: number[]; test?: number[]; error?: string }[];
  trainValTestSplit: {
    options: TrainValTestSplitOptions;
    train: number[];
    validation: number[];
    test: number[];
  }[];
  translateTrainSizes: {
    trainSizes: number[];
    nMax: number;
    sizes?: number[];
    error?: string;
    warns: boolean;
  }[];
  shuffledBatches: {
    nSamples: number;
    batchSize: number;
    epochs: number;
    randomState: number;
    epochsBatches: number[][][];
  }[];
};

describe('RandomState equals numpy.random.RandomState', () => {
  test.each(random.cases.map((c) => [JSON.stringify(c.seed).slice(0, 20), c] as const))('seed %s', (_, c) => {
    const rng = new RandomState(c.seed);
    expect(Array.from({ length: 5 }, () => rng.nextUint32())).toEqual(c.uint32);
    expect(Array.from({ length: 5 }, () => rng.randomSample())).toEqual(c.randomSample);
    expect([1, 2, 3, 7, 10, 1000, 2 ** 31, 2 ** 32 - 5].map((m) => rng.randint(0, m))).toEqual(c.randint);
    expect([0, 1, 2, 10, 100, 1000].map((m) => Array.from(rng.permutation(m)))).toEqual(c.permutations);
    expect(Array.from({ length: 3 }, () => rng.nextUint32())).toEqual(c.after);
  });

  test('getState/setState round-trips the stream', () => {
    const rng = new RandomState(5);
    rng.permutation(700);
    const state = rng.getState();
    const a = Array.from(rng.permutation(50));
    const other = new RandomState(0);
    other.setState(JSON.parse(JSON.stringify(state)));
    expect(Array.from(other.permutation(50))).toEqual(a);
  });
});

describe('trainTestSplit equals sklearn.model_selection.train_test_split', () => {
  test.each(oneshot.trainTestSplit.map((c, i) => [i, c] as const))('case %i', (_, c) => {
    if (c.error !== undefined) {
      expect(() => trainTestSplit(c.options)).toThrow(RangeError);
      return;
    }
    const { train, test } = trainTestSplit(c.options);
    expect([Array.from(train), Array.from(test)]).toEqual([c.train, c.test]);
  });
});

describe('trainValTestSplit equals two chained train_test_split calls on one RandomState', () => {
  test.each(oneshot.trainValTestSplit.map((c, i) => [i, c] as const))('case %i', (_, c) => {
    const r = trainValTestSplit(c.options);
    expect([Array.from(r.train), Array.from(r.validation), Array.from(r.test)]).toEqual([
      c.train,
      c.validation,
      c.test,
    ]);
  });
});

describe("translateTrainSizes equals scikit-learn's _translate_train_sizes", () => {
  test.each(oneshot.translateTrainSizes.map((c, i) => [i, c] as const))('case %i', (_, c) => {
    const warnings: string[] = [];
    // numpy infers floats from a list holding any float; Python floats like 1.0 arrive here as 1.
    const run = () => translateTrainSizes(c.trainSizes, c.nMax, { onWarning: (m) => warnings.push(m) });
    if (c.error !== undefined) {
      expect(run).toThrow(RangeError);
      return;
    }
    expect(run()).toEqual(c.sizes);
    expect(warnings.length > 0).toBe(c.warns);
  });
});

describe('shuffledBatches equals rng.permutation per epoch', () => {
  test.each(oneshot.shuffledBatches.map((c, i) => [i, c] as const))('case %i', (_, c) => {
    const got: number[][][] = Array.from({ length: c.epochs }, () => []);
    for (const b of shuffledBatches({
      indices: c.nSamples,
      batchSize: c.batchSize,
      epochs: c.epochs,
      randomState: c.randomState,
    })) {
      got[b.epoch]![b.batch] = Array.from(b.indices);
    }
    expect(got).toEqual(c.epochsBatches);
  });
});
