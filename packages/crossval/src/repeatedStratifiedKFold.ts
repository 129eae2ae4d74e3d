import { defineOptions } from '@dl/internal';
import { checkInt } from './internal/data';
import { checkRandomState, resolveRandomState } from './internal/random';
import { stratifiedKFoldSplits } from './internal/stratified';
import type { RandomStateLike } from './RandomState';
import type { Split, SplitData, Splitter, WarningHandler } from './Splitter';

/** Options of {@link repeatedStratifiedKFold}. */
export interface RepeatedStratifiedKFoldOptions {
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
  /**
   * Called with scikit-learn's warning (once per repetition, as scikit-learn does) when the least populated class
   * has fewer members than `nSplits`.
   * @defaultValue console.warn
   */
  onWarning?: WarningHandler;
}

/** @internal The checker of {@link RepeatedStratifiedKFoldOptions}: its option names and defaults. */
export const repeatedStratifiedKFoldOptions = /* @__PURE__ */ defineOptions<RepeatedStratifiedKFoldOptions>()(
  'repeatedStratifiedKFold',
  { nSplits: 5, nRepeats: 10, randomState: undefined, onWarning: undefined },
);

/**
 * Repeated stratified K-fold: `nRepeats` shuffled {@link stratifiedKFold}s drawn from one random stream.
 *
 * `nSplits × nRepeats` splits in all, equal to scikit-learn's for the same integer `randomState`.
 *
 * @param options - `nSplits`, `nRepeats`, `randomState` and `onWarning`; see
 *   {@link RepeatedStratifiedKFoldOptions}.
 * @returns a {@link Splitter}; `split` needs `data.y`.
 * @example
 * ```ts
 * import { repeatedStratifiedKFold } from '@dl/crossval';
 * const cv = repeatedStratifiedKFold({ nSplits: 2, nRepeats: 3, randomState: 1 });
 * [...cv.split({ y: [0, 0, 1, 1] })].length; // 6
 * ```
 * @see {@link https://scikit-learn.org/1.2/modules/generated/sklearn.model_selection.RepeatedStratifiedKFold.html | sklearn.model_selection.RepeatedStratifiedKFold}
 */
export function repeatedStratifiedKFold(options: RepeatedStratifiedKFoldOptions = {}): Splitter {
  options = repeatedStratifiedKFoldOptions(options, 'repeatedStratifiedKFold');
  const fn = 'repeatedStratifiedKFold';
  const { nSplits = 5, nRepeats = 10, randomState, onWarning = console.warn } = options;
  checkInt(fn, 'nSplits', nSplits, 2);
  checkInt(fn, 'nRepeats', nRepeats, 1);
  checkRandomState(fn, randomState);
  return {
    name: fn,
    getNSplits: () => nSplits * nRepeats,
    *split(data: SplitData): Iterable<Split> {
      const rng = resolveRandomState(fn, randomState);
      for (let r = 0; r < nRepeats; r++) yield* stratifiedKFoldSplits(fn, data, nSplits, rng, onWarning);
    },
  };
}
