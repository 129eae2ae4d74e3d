import { defineOptions } from '@dl/internal';
import { resolveData } from './internal/data';
import { resolveRandomState } from './internal/random';
import { checkShuffleOptions, shuffleSplitSizes } from './internal/shuffleSizes';
import type { RandomStateLike } from './RandomState';
import type { Split, SplitData, Splitter } from './Splitter';

/** Options of {@link shuffleSplit}, {@link stratifiedShuffleSplit} and {@link groupShuffleSplit}. */
export interface ShuffleSplitOptions {
  /**
   * The number of re-shuffled splits.
   * @defaultValue 10 (5 for {@link groupShuffleSplit})
   */
  nSplits?: number;
  /**
   * The test set: an integer is a count, a non-integer a fraction in $(0, 1)$ rounded up. Note that `1` is
   * the count 1, as in scikit-learn where `1` (int) differs from `1.0` (float).
   * @defaultValue the complement of `trainSize`, or 0.1 when both are omitted (0.2 for {@link groupShuffleSplit})
   */
  testSize?: number;
  /**
   * The train set: an integer is a count, a non-integer a fraction in $(0, 1)$ rounded down.
   * @defaultValue the complement of `testSize`
   */
  trainSize?: number;
  /**
   * The seed: an integer gives the same splits on every `split` call (scikit-learn's for the same
   * `random_state`); a {@link RandomState} is a stream that advances.
   * @defaultValue undefined (a fresh random seed)
   */
  randomState?: RandomStateLike;
}

/**
 * @internal The checker of {@link ShuffleSplitOptions}: its option names (the default of `nSplits` depends on the
 * splitter: 10 for shuffleSplit and stratifiedShuffleSplit, 5 for groupShuffleSplit, as in scikit-learn).
 */
export const shuffleSplitOptions = /* @__PURE__ */ defineOptions<ShuffleSplitOptions>()('shuffleSplit', {
  nSplits: undefined,
  testSize: undefined,
  trainSize: undefined,
  randomState: undefined,
});

/**
 * Random permutation cross-validation: `nSplits` independent shuffles, each cut into a test and a train set.
 *
 * Sizes: $n_\text{test} = \lceil t \cdot n \rceil$ and $n_\text{train} = \lfloor r \cdot n \rfloor$ for fractions
 * $t, r$ (integers are counts; an omitted size is the complement). Each split draws one permutation $\pi$ of
 * $0..n-1$: test is $\pi_{0..n_\text{test}}$, train the next $n_\text{train}$ entries, both in permuted
 * (unsorted) order, exactly as scikit-learn returns them. Splits may overlap across iterations.
 *
 * @param options - `nSplits`, `testSize`, `trainSize` and `randomState`; see {@link ShuffleSplitOptions}.
 * @returns a {@link Splitter}.
 * @example
 * ```ts
 * import { shuffleSplit } from '@dl/crossval';
 * const [first] = shuffleSplit({ nSplits: 1, testSize: 0.25, randomState: 0 }).split({ nSamples: 8 });
 * Array.from(first!.test); // [6, 2]
 * Array.from(first!.train); // [1, 7, 3, 0, 5, 4]
 * ```
 * @see {@link https://scikit-learn.org/1.2/modules/generated/sklearn.model_selection.ShuffleSplit.html | sklearn.model_selection.ShuffleSplit}
 */
export function shuffleSplit(options: ShuffleSplitOptions = {}): Splitter {
  options = shuffleSplitOptions(options, 'shuffleSplit');
  const fn = 'shuffleSplit';
  const nSplits = checkShuffleOptions(fn, options, 10);
  const { testSize, trainSize, randomState } = options;
  return {
    name: fn,
    getNSplits: () => nSplits,
    *split(data: SplitData): Iterable<Split> {
      const { n } = resolveData(fn, data, 'none');
      const { nTrain, nTest } = shuffleSplitSizes(fn, n, testSize, trainSize, 0.1);
      const rng = resolveRandomState(fn, randomState);
      for (let s = 0; s < nSplits; s++) {
        const p = rng.permutation(n);
        yield { test: p.slice(0, nTest), train: p.slice(nTest, nTest + nTrain) };
      }
    },
  };
}
