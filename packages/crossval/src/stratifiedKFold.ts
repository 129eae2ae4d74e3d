import { defineOptions } from '@dl/internal';
import { checkKFoldOptions } from './internal/kfold';
import { resolveRandomState } from './internal/random';
import { stratifiedKFoldSplits } from './internal/stratified';
import type { RandomStateLike } from './RandomState';
import type { Split, SplitData, Splitter, WarningHandler } from './Splitter';

/** Options of {@link stratifiedKFold}. */
export interface StratifiedKFoldOptions {
  /**
   * The number of folds, at least 2.
   * @defaultValue 5
   */
  nSplits?: number;
  /**
   * Shuffle each class's fold assignment (scikit-learn shuffles the per-class fold labels, not the samples).
   * @defaultValue false
   */
  shuffle?: boolean;
  /**
   * The seed of the shuffle (an integer, an integer array or a shared {@link RandomState} stream); only allowed
   * with `shuffle: true`.
   * @defaultValue undefined (a fresh random seed)
   */
  randomState?: RandomStateLike;
  /**
   * Called with scikit-learn's warning when the least populated class has fewer members than `nSplits`.
   * @defaultValue console.warn
   */
  onWarning?: WarningHandler;
}

/** @internal The checker of {@link StratifiedKFoldOptions}: its option names and defaults. */
export const stratifiedKFoldOptions = /* @__PURE__ */ defineOptions<StratifiedKFoldOptions>()(
  'stratifiedKFold',
  { nSplits: 5, shuffle: false, randomState: undefined, onWarning: undefined },
);

/**
 * Stratified K-fold: K-fold whose folds preserve each class's share of the samples, as scikit-learn >= 0.22 builds
 * them.
 *
 * Classes are numbered by first appearance; over the class-sorted labels, the samples at positions
 * $f, f+k, f+2k, \dots$ go to fold $f$, which fixes how many of each class each fold gets; each class's samples
 * then fill its folds in data order (in shuffled fold order with `shuffle`). Train and test indices are
 * ascending. Throws when every class has fewer than `nSplits` members and warns (through `onWarning`) when any
 * does.
 *
 * @param options - `nSplits`, `shuffle`, `randomState` and `onWarning`; see {@link StratifiedKFoldOptions}.
 * @returns a {@link Splitter}; `split` needs `data.y`.
 * @example
 * ```ts
 * import { stratifiedKFold } from '@dl/crossval';
 * const y = [0, 0, 0, 0, 1, 1, 1, 1, 1, 1];
 * const folds = [...stratifiedKFold({ nSplits: 2 }).split({ y })];
 * Array.from(folds[0]!.test); // [0, 1, 4, 5, 6]
 * ```
 * @see {@link https://scikit-learn.org/1.2/modules/generated/sklearn.model_selection.StratifiedKFold.html | sklearn.model_selection.StratifiedKFold}
 */
export function stratifiedKFold(options: StratifiedKFoldOptions = {}): Splitter {
  options = stratifiedKFoldOptions(options, 'stratifiedKFold');
  const fn = 'stratifiedKFold';
  const { nSplits, shuffle } = checkKFoldOptions(fn, options);
  const { randomState, onWarning = console.warn } = options;
  return {
    name: fn,
    getNSplits: () => nSplits,
    *split(data: SplitData): Iterable<Split> {
      const rng = shuffle ? resolveRandomState(fn, randomState) : undefined;
      yield* stratifiedKFoldSplits(fn, data, nSplits, rng, onWarning);
    },
  };
}
