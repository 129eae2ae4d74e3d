import { defineOptions, describe } from '@dl/internal';
import { resolveData } from './internal/data';
import { resolveRandomState } from './internal/random';
import type { RandomStateLike } from './RandomState';
import type { Label, SplitData } from './Splitter';
import { trainTestSplit } from './trainTestSplit';

/** Options of {@link trainValTestSplit}: the data (as for a splitter) and the three sizes. */
export interface TrainValTestSplitOptions extends SplitData {
  /**
   * The test set: an integer count, or a fraction of all samples in $(0, 1)$ rounded up.
   * @defaultValue 0.1
   */
  testSize?: number;
  /**
   * The validation set: an integer count, or a fraction of all samples in $(0, 1)$ rounded up.
   * @defaultValue 0.1
   */
  valSize?: number;
  /**
   * The train set: an integer count, or a fraction of all samples rounded down.
   * @defaultValue the rest
   */
  trainSize?: number;
  /**
   * The seed of the one stream both cuts draw from.
   * @defaultValue undefined (a fresh random seed)
   */
  randomState?: RandomStateLike;
  /**
   * Class labels to stratify both cuts on.
   * @defaultValue undefined (no stratification)
   */
  stratify?: ArrayLike<Label>;
}

/** @internal The checker of {@link TrainValTestSplitOptions}: its option names and defaults. */
export const trainValTestSplitOptions = /* @__PURE__ */ defineOptions<TrainValTestSplitOptions>()(
  'trainValTestSplit',
  {
    nSamples: undefined,
    X: undefined,
    y: undefined,
    groups: undefined,
    testSize: 0.1,
    valSize: 0.1,
    trainSize: undefined,
    randomState: undefined,
    stratify: undefined,
  },
  { required: true },
);

/** The three index sets of {@link trainValTestSplit}. */
export interface TrainValTestSplit {
  /** The training indices. */
  train: Int32Array;
  /** The validation indices (for early stopping and model selection). */
  validation: Int32Array;
  /** The held-out test indices. */
  test: Int32Array;
}

function count(fn: string, arg: string, v: number, n: number, round: (x: number) => number): number {
  if (typeof v !== 'number' || !Number.isFinite(v) || v <= 0 || (!Number.isInteger(v) && v >= 1) || v >= n) {
    throw new RangeError(
      `${fn}: ${arg} must be an integer in [1, ${n - 1}] or a fraction in (0, 1) (with ${n} samples), got ${v}`,
    );
  }
  return Number.isInteger(v) ? v : round(v * n);
}

/**
 * Splits sample indices into train, validation and test sets (e.g. 80/10/10), optionally stratified.
 *
 * Two {@link trainTestSplit} cuts on one random stream: first the test set off all samples
 * ($n_\text{test} = \lceil t n \rceil$), then the validation set ($n_\text{val} = \lceil v n \rceil$) off the
 * rest, leaving $n_\text{train} = n - n_\text{test} - n_\text{val}$ (or $\lfloor r n \rfloor$ with `trainSize`).
 * It equals, for the same integer seed, the Python
 * `rng = RandomState(seed); rest, test = train_test_split(idx, test_size=n_test, train_size=n - n_test, stratify=y, random_state=rng); train, val = train_test_split(rest, test_size=n_val, train_size=n_train, stratify=y[rest], random_state=rng)`.
 *
 * @param options - the data and `testSize`, `valSize`, `trainSize`, `randomState`, `stratify`; see
 *   {@link TrainValTestSplitOptions}.
 * @returns the train, validation and test indices (each in permuted order).
 * @example
 * ```ts
 * import { trainValTestSplit } from '@dl/crossval';
 * const y = Array.from({ length: 20 }, (_, i) => i % 2);
 * const { train, validation, test } = trainValTestSplit({ y, stratify: y, randomState: 0 });
 * [train.length, validation.length, test.length]; // [16, 2, 2]
 * Array.from(test).map((i) => y[i]).sort(); // [0, 1]
 * ```
 * @see {@link https://scikit-learn.org/1.2/modules/generated/sklearn.model_selection.train_test_split.html | sklearn.model_selection.train_test_split} (applied twice)
 */
export function trainValTestSplit(options: TrainValTestSplitOptions): TrainValTestSplit {
  options = trainValTestSplitOptions(options, 'trainValTestSplit');
  const fn = 'trainValTestSplit';
  if (options === null || typeof options !== 'object') {
    throw new TypeError(`${fn}: options must be an object, got ${describe(options)}`);
  }
  const { testSize = 0.1, valSize = 0.1, trainSize, randomState, stratify } = options;
  const { n } = resolveData(fn, options, 'none', null);
  if (stratify !== undefined && (stratify === null || stratify.length !== n)) {
    throw new RangeError(`${fn}: stratify must be an array of length ${n} (the number of samples)`);
  }
  const nTest = count(fn, 'testSize', testSize, n, Math.ceil);
  const nVal = count(fn, 'valSize', valSize, n, Math.ceil);
  const nTrain =
    trainSize === undefined ? n - nTest - nVal : count(fn, 'trainSize', trainSize, n, Math.floor);
  if (nTrain < 1 || nTrain + nTest + nVal > n) {
    throw new RangeError(
      `${fn}: the three sets must fit in the ${n} samples with a non-empty train set, got train ${nTrain} + validation ${nVal} + test ${nTest}`,
    );
  }
  const rng = resolveRandomState(fn, randomState);
  const first = trainTestSplit({
    nSamples: n,
    testSize: nTest,
    trainSize: n - nTest,
    randomState: rng,
    stratify,
  });
  const rest = first.train;
  const restLabels = stratify === undefined ? undefined : Array.from(rest, (i) => stratify[i]!);
  const second = trainTestSplit({
    nSamples: rest.length,
    testSize: nVal,
    trainSize: nTrain,
    randomState: rng,
    stratify: restLabels,
  });
  return {
    train: second.train.map((i) => rest[i]!),
    validation: second.test.map((i) => rest[i]!),
    test: first.test,
  };
}
