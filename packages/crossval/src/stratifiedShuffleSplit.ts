import { resolveData } from './internal/data';
import { resolveRandomState } from './internal/random';
import { checkShuffleOptions, shuffleSplitSizes } from './internal/shuffleSizes';
import { prepareStratified, stratifiedShuffleOnce } from './internal/stratifiedShuffle';
import type { Split, SplitData, Splitter } from './Splitter';
import { type ShuffleSplitOptions, shuffleSplitOptions } from './shuffleSplit';

/**
 * Stratified shuffle split: random train/test splits that preserve each class's share, as scikit-learn draws
 * them.
 *
 * Each split allots train counts per class with scikit-learn's `_approximate_mode` (proportional floors, the
 * remainder to the largest fractional parts, ties broken at random), then test counts from what is left; each
 * class's samples are permuted and cut; finally train and test are each permuted (so they come out unsorted).
 * Sizes follow {@link shuffleSplit}. Every class needs at least 2 members, and both sets at least one sample
 * per class.
 *
 * @param options - `nSplits`, `testSize`, `trainSize` and `randomState`; see {@link ShuffleSplitOptions}.
 * @returns a {@link Splitter}; `split` needs `data.y`.
 * @example
 * ```ts
 * import { stratifiedShuffleSplit } from '@dl/crossval';
 * const y = [0, 0, 0, 0, 1, 1, 1, 1];
 * const [s] = stratifiedShuffleSplit({ nSplits: 1, testSize: 0.5, randomState: 0 }).split({ y });
 * Array.from(s!.test).map((i) => y[i]).sort(); // [0, 0, 1, 1]
 * ```
 * @see {@link https://scikit-learn.org/1.2/modules/generated/sklearn.model_selection.StratifiedShuffleSplit.html | sklearn.model_selection.StratifiedShuffleSplit}
 */
export function stratifiedShuffleSplit(options: ShuffleSplitOptions = {}): Splitter {
  options = shuffleSplitOptions(options, 'stratifiedShuffleSplit');
  const fn = 'stratifiedShuffleSplit';
  const nSplits = checkShuffleOptions(fn, options, 10);
  const { testSize, trainSize, randomState } = options;
  return {
    name: fn,
    getNSplits: () => nSplits,
    *split(data: SplitData): Iterable<Split> {
      const { n, y } = resolveData(fn, data, 'y');
      const { nTrain, nTest } = shuffleSplitSizes(fn, n, testSize, trainSize, 0.1);
      const { classIndices, counts } = prepareStratified(fn, y!, nTrain, nTest);
      const rng = resolveRandomState(fn, randomState);
      for (let s = 0; s < nSplits; s++) yield stratifiedShuffleOnce(classIndices, counts, nTrain, nTest, rng);
    },
  };
}
