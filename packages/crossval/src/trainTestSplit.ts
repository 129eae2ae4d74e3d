import { defineOptions, describe } from '@dl/internal';
import { checkBool, resolveData } from './internal/data';
import { resolveRandomState } from './internal/random';
import { shuffleSplitSizes } from './internal/shuffleSizes';
import { prepareStratified, stratifiedShuffleOnce } from './internal/stratifiedShuffle';
import type { RandomStateLike } from './RandomState';
import type { Label, Split, SplitData } from './Splitter';

/** Options of {@link trainTestSplit}: the data (as for a splitter) and the split's settings. */
export interface TrainTestSplitOptions extends SplitData {
  /**
   * The test set: an integer count, or a fraction in $(0, 1)$ rounded up.
   * @defaultValue the complement of `trainSize`, or 0.25 when both are omitted
   */
  testSize?: number;
  /**
   * The train set: an integer count, or a fraction in $(0, 1)$ rounded down.
   * @defaultValue the complement of `testSize`
   */
  trainSize?: number;
  /**
   * The seed (an integer gives scikit-learn's split for the same `random_state`).
   * @defaultValue undefined (a fresh random seed)
   */
  randomState?: RandomStateLike;
  /**
   * Shuffle before splitting; without shuffling, train is the first samples and test the next ones.
   * @defaultValue true
   */
  shuffle?: boolean;
  /**
   * Class labels to stratify on (usually `y`); requires `shuffle`.
   * @defaultValue undefined (no stratification)
   */
  stratify?: ArrayLike<Label>;
}

/** @internal The checker of {@link TrainTestSplitOptions}: its option names and defaults. */
export const trainTestSplitOptions = /* @__PURE__ */ defineOptions<TrainTestSplitOptions>()(
  'trainTestSplit',
  {
    nSamples: undefined,
    X: undefined,
    y: undefined,
    groups: undefined,
    testSize: undefined,
    trainSize: undefined,
    randomState: undefined,
    shuffle: true,
    stratify: undefined,
  },
  { required: true },
);

/**
 * Splits sample indices once into a train and a test set, as scikit-learn's `train_test_split` does.
 *
 * Shuffled: the first split of {@link shuffleSplit} (or of {@link stratifiedShuffleSplit} with `stratify`) with
 * the resolved counts, so the indices equal scikit-learn's for the same seed (and come out in permuted order).
 * Unshuffled: `train = [0, nTrain)`, `test = [nTrain, nTrain + nTest)`. Index your arrays with the result.
 *
 * @param options - the data (`nSamples`, `X`, `y`, `groups`) and `testSize`, `trainSize`, `randomState`,
 *   `shuffle`, `stratify`; see {@link TrainTestSplitOptions}.
 * @returns the train and test indices.
 * @example
 * ```ts
 * import { trainTestSplit } from '@dl/crossval';
 * const { train, test } = trainTestSplit({ nSamples: 10, testSize: 0.2, randomState: 42 });
 * Array.from(test); // [8, 1]
 * train.length; // 8
 * Array.from(trainTestSplit({ nSamples: 5, shuffle: false, testSize: 2 }).test); // [3, 4]
 * ```
 * @see {@link https://scikit-learn.org/1.2/modules/generated/sklearn.model_selection.train_test_split.html | sklearn.model_selection.train_test_split}
 */
export function trainTestSplit(options: TrainTestSplitOptions): Split {
  options = trainTestSplitOptions(options, 'trainTestSplit');
  const fn = 'trainTestSplit';
  if (options === null || typeof options !== 'object') {
    throw new TypeError(`${fn}: options must be an object, got ${describe(options)}`);
  }
  const { testSize, trainSize, randomState, shuffle = true, stratify } = options;
  checkBool(fn, 'shuffle', shuffle);
  const { n } = resolveData(fn, options, 'none', null);
  if (stratify !== undefined && (stratify === null || stratify.length !== n)) {
    throw new RangeError(
      `${fn}: stratify must be an array of length ${n} (the number of samples), got ${stratify === null ? 'null' : `length ${stratify.length}`}`,
    );
  }
  const { nTrain, nTest } = shuffleSplitSizes(fn, n, testSize, trainSize, 0.25);
  if (!shuffle) {
    if (stratify !== undefined) {
      throw new TypeError(`${fn}: stratify requires shuffle true, got shuffle false with stratify`);
    }
    const train = new Int32Array(nTrain);
    const test = new Int32Array(nTest);
    for (let i = 0; i < nTrain; i++) train[i] = i;
    for (let i = 0; i < nTest; i++) test[i] = nTrain + i;
    return { train, test };
  }
  const rng = resolveRandomState(fn, randomState);
  if (stratify !== undefined) {
    const { classIndices, counts } = prepareStratified(fn, stratify, nTrain, nTest);
    return stratifiedShuffleOnce(classIndices, counts, nTrain, nTest, rng);
  }
  const p = rng.permutation(n);
  return { test: p.slice(0, nTest), train: p.slice(nTest, nTest + nTrain) };
}
