import { defineOptions } from '@dl/internal';
import { checkKFoldOptions, kFoldSplits } from './internal/kfold';
import { resolveRandomState } from './internal/random';
import type { RandomStateLike } from './RandomState';
import type { Split, SplitData, Splitter } from './Splitter';

/** Options of {@link kFold}. */
export interface KFoldOptions {
  /**
   * The number of folds, at least 2.
   * @defaultValue 5
   */
  nSplits?: number;
  /**
   * Shuffle the samples (once) before cutting them into folds.
   * @defaultValue false
   */
  shuffle?: boolean;
  /**
   * The seed of the shuffle: an integer gives the same folds on every `split` call (and scikit-learn's folds for
   * the same `random_state`); a {@link RandomState} is a stream that advances. Only allowed with `shuffle: true`.
   * @defaultValue undefined (a fresh random seed)
   */
  randomState?: RandomStateLike;
}

/** @internal The checker of {@link KFoldOptions}: its option names and defaults. */
export const kFoldOptions = /* @__PURE__ */ defineOptions<KFoldOptions>()('kFold', {
  nSplits: 5,
  shuffle: false,
  randomState: undefined,
});

/**
 * K-fold cross-validation: consecutive folds (optionally after one shuffle), each used once as the test set.
 *
 * With $n$ samples and $k$ folds the first $n \bmod k$ folds have $\lfloor n/k \rfloor + 1$ samples and the
 * others $\lfloor n/k \rfloor$. Train and test indices are
 * ascending (shuffled or not), exactly as scikit-learn returns them.
 *
 * @param options - `nSplits`, `shuffle` and `randomState`; see {@link KFoldOptions}.
 * @returns a {@link Splitter}.
 * @example
 * ```ts
 * import { kFold } from '@dl/crossval';
 * const folds = [...kFold({ nSplits: 3 }).split({ nSamples: 7 })];
 * folds.map((f) => f.test.length); // [3, 2, 2]
 * Array.from(folds[1]!.train); // [0, 1, 2, 5, 6]
 * const shuffled = [...kFold({ nSplits: 2, shuffle: true, randomState: 0 }).split({ nSamples: 6 })];
 * Array.from(shuffled[0]!.test); // [1, 2, 5]
 * ```
 * @see {@link https://scikit-learn.org/1.2/modules/generated/sklearn.model_selection.KFold.html | sklearn.model_selection.KFold}
 */
export function kFold(options: KFoldOptions = {}): Splitter {
  options = kFoldOptions(options, 'kFold');
  const { nSplits, shuffle } = checkKFoldOptions('kFold', options);
  const { randomState } = options;
  return {
    name: 'kFold',
    getNSplits: () => nSplits,
    split: (data: SplitData): Iterable<Split> =>
      kFoldSplits(
        'kFold',
        data,
        nSplits,
        shuffle ? () => resolveRandomState('kFold', randomState) : undefined,
      ),
  };
}
