import { resolveData, splitByFold } from './internal/data';
import { encodeSorted } from './internal/labels';
import type { Split, SplitData, Splitter } from './Splitter';

/**
 * Leave-one-group-out: one split per distinct group, tested on that group's samples.
 *
 * Groups are visited in sorted order (numbers numerically, strings by code unit), as `np.unique` orders them.
 * Needs at least 2 distinct groups. Train and test indices are ascending.
 *
 * @returns a {@link Splitter}; `split` and `getNSplits` need `data.groups`.
 * @example
 * ```ts
 * import { leaveOneGroupOut } from '@dl/crossval';
 * const groups = [2, 1, 2, 1];
 * [...leaveOneGroupOut().split({ groups })].map((s) => Array.from(s.test)); // [[1, 3], [0, 2]]
 * ```
 * @see {@link https://scikit-learn.org/1.2/modules/generated/sklearn.model_selection.LeaveOneGroupOut.html | sklearn.model_selection.LeaveOneGroupOut}
 */
export function leaveOneGroupOut(): Splitter {
  const fn = 'leaveOneGroupOut';
  return {
    name: fn,
    getNSplits: (data?: SplitData) => {
      if (data === undefined) throw new TypeError(`${fn}: getNSplits needs data.groups, got undefined`);
      const { groups } = resolveData(fn, data, 'groups');
      return encodeSorted(fn, 'groups', groups!).counts.length;
    },
    *split(data: SplitData): Iterable<Split> {
      const { groups } = resolveData(fn, data, 'groups');
      const { codes, counts, classes } = encodeSorted(fn, 'groups', groups!);
      if (counts.length <= 1) {
        throw new RangeError(
          `${fn}: groups must contain at least 2 distinct groups, got ${counts.length} (${JSON.stringify(classes)})`,
        );
      }
      for (let g = 0; g < counts.length; g++) yield splitByFold(codes, g, counts[g]!);
    },
  };
}
