import { resolveData, splitByTest } from './internal/data';
import type { Split, SplitData, Splitter } from './Splitter';

/**
 * Leave-one-out: $n$ splits, each testing on one sample and training on the other $n - 1$.
 *
 * Same as {@link kFold} with `nSplits` equal to the number of samples. Needs at least 2 samples.
 *
 * @returns a {@link Splitter}; `getNSplits` needs the data.
 * @example
 * ```ts
 * import { leaveOneOut } from '@dl/crossval';
 * const cv = leaveOneOut();
 * cv.getNSplits({ nSamples: 3 }); // 3
 * [...cv.split({ nSamples: 3 })].map((s) => Array.from(s.train)); // [[1, 2], [0, 2], [0, 1]]
 * ```
 * @see {@link https://scikit-learn.org/1.2/modules/generated/sklearn.model_selection.LeaveOneOut.html | sklearn.model_selection.LeaveOneOut}
 */
export function leaveOneOut(): Splitter {
  const fn = 'leaveOneOut';
  return {
    name: fn,
    getNSplits: (data?: SplitData) => {
      if (data === undefined) throw new TypeError(`${fn}: getNSplits needs the data, got undefined`);
      return resolveData(fn, data, 'none').n;
    },
    *split(data: SplitData): Iterable<Split> {
      const { n } = resolveData(fn, data, 'none');
      if (n <= 1) throw new RangeError(`${fn}: the number of samples must be >= 2, got ${n}`);
      for (let i = 0; i < n; i++) yield splitByTest(n, [i]);
    },
  };
}
