import { defineOptions } from '@dl/internal';
import { checkInt } from './internal/data';
import { kFoldSplits } from './internal/kfold';
import { checkRandomState, resolveRandomState } from './internal/random';
import type { RandomStateLike } from './RandomState';
import type { Split, SplitData, Splitter } from './Splitter';

/** Options of {@link repeatedKFold}. */
export interface RepeatedKFoldOptions {
  /**
   * The number of folds per repetition, at least 2.
   * @defaultValue 5
   */
  nSplits?: number;
  /**
   * The number of repetitions, at least 1.
   * @defaultValue 10
   */
  nRepeats?: number;
  /**
   * The seed of the one stream that all repetitions draw from, one after the other.
   * @defaultValue undefined (a fresh random seed)
   */
  randomState?: RandomStateLike;
}

/** @internal The checker of {@link RepeatedKFoldOptions}: its option names and defaults. */
export const repeatedKFoldOptions = /* @__PURE__ */ defineOptions<RepeatedKFoldOptions>()('repeatedKFold', {
  nSplits: 5,
  nRepeats: 10,
  randomState: undefined,
});

/**
 * Repeated K-fold: `nRepeats` shuffled K-folds drawn from one random stream, `nSplits × nRepeats` splits in all.
 *
 * Equivalent to running {@link kFold} with `shuffle: true` `nRepeats` times on a shared {@link RandomState}, as
 * scikit-learn does, so `randomState: 0` gives scikit-learn's splits.
 *
 * @param options - `nSplits`, `nRepeats` and `randomState`; see {@link RepeatedKFoldOptions}.
 * @returns a {@link Splitter}.
 * @example
 * ```ts
 * import { repeatedKFold } from '@dl/crossval';
 * const cv = repeatedKFold({ nSplits: 2, nRepeats: 2, randomState: 0 });
 * cv.getNSplits(); // 4
 * [...cv.split({ nSamples: 4 })].map((s) => Array.from(s.test)); // [[2, 3], [0, 1], [0, 2], [1, 3]]
 * ```
 * @see {@link https://scikit-learn.org/1.2/modules/generated/sklearn.model_selection.RepeatedKFold.html | sklearn.model_selection.RepeatedKFold}
 */
export function repeatedKFold(options: RepeatedKFoldOptions = {}): Splitter {
  options = repeatedKFoldOptions(options, 'repeatedKFold');
  const fn = 'repeatedKFold';
  const { nSplits = 5, nRepeats = 10, randomState } = options;
  checkInt(fn, 'nSplits', nSplits, 2);
  checkInt(fn, 'nRepeats', nRepeats, 1);
  checkRandomState(fn, randomState);
  return {
    name: fn,
    getNSplits: () => nSplits * nRepeats,
    *split(data: SplitData): Iterable<Split> {
      const rng = resolveRandomState(fn, randomState);
      for (let r = 0; r < nRepeats; r++) yield* kFoldSplits(fn, data, nSplits, () => rng);
    },
  };
}
