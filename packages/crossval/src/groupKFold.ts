import { defineOptions } from '@dl/internal';
import { checkInt, resolveData, splitByFold } from './internal/data';
import { checkFoldsFit } from './internal/kfold';
import { encodeSorted } from './internal/labels';
import { argsortQuick } from './internal/numpy';
import type { Split, SplitData, Splitter } from './Splitter';

/** Options of {@link groupKFold}. */
export interface GroupKFoldOptions {
  /**
   * The number of folds, at least 2 and at most the number of distinct groups.
   * @defaultValue 5
   */
  nSplits?: number;
}

/** @internal The checker of {@link GroupKFoldOptions}: its option names and defaults. */
export const groupKFoldOptions = /* @__PURE__ */ defineOptions<GroupKFoldOptions>()('groupKFold', {
  nSplits: 5,
});

/**
 * Group K-fold: folds of whole groups, so no group is in both the train and the test set of a split.
 *
 * Groups are sorted by size, largest first (ties in numpy's `argsort` order), and each goes to the fold with the
 * fewest samples so far (the first such fold on ties). Deterministic, as in scikit-learn 1.2 (which has no
 * shuffle here). Train and test indices are ascending.
 *
 * @param options - `nSplits`; see {@link GroupKFoldOptions}.
 * @returns a {@link Splitter}; `split` needs `data.groups`.
 * @example
 * ```ts
 * import { groupKFold } from '@dl/crossval';
 * const groups = [0, 0, 2, 2, 3, 3];
 * const folds = [...groupKFold({ nSplits: 2 }).split({ groups })];
 * Array.from(folds[0]!.test); // [0, 1, 4, 5]
 * ```
 * @see {@link https://scikit-learn.org/1.2/modules/generated/sklearn.model_selection.GroupKFold.html | sklearn.model_selection.GroupKFold}
 */
export function groupKFold(options: GroupKFoldOptions = {}): Splitter {
  options = groupKFoldOptions(options, 'groupKFold');
  const fn = 'groupKFold';
  const { nSplits = 5 } = options;
  checkInt(fn, 'nSplits', nSplits, 2);
  return {
    name: fn,
    getNSplits: () => nSplits,
    *split(data: SplitData): Iterable<Split> {
      const { n, groups } = resolveData(fn, data, 'groups');
      checkFoldsFit(fn, nSplits, n);
      const { codes, counts } = encodeSorted(fn, 'groups', groups!);
      const nGroups = counts.length;
      if (nSplits > nGroups) {
        throw new RangeError(
          `${fn}: nSplits must be <= the number of distinct groups ${nGroups}, got ${nSplits}`,
        );
      }
      const order = argsortQuick(counts).reverse();
      const perFold = new Float64Array(nSplits);
      const groupToFold = new Int32Array(nGroups);
      for (const g of order) {
        let lightest = 0;
        for (let f = 1; f < nSplits; f++) if (perFold[f]! < perFold[lightest]!) lightest = f;
        perFold[lightest]! += counts[g]!;
        groupToFold[g] = lightest;
      }
      const folds = new Int32Array(n);
      for (let i = 0; i < n; i++) folds[i] = groupToFold[codes[i]!]!;
      for (let f = 0; f < nSplits; f++) yield splitByFold(folds, f, perFold[f]!);
    },
  };
}
