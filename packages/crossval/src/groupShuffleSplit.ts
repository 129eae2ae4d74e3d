import { resolveData } from './internal/data';
import { encodeSorted } from './internal/labels';
import { resolveRandomState } from './internal/random';
import { checkShuffleOptions, shuffleSplitSizes } from './internal/shuffleSizes';
import type { Split, SplitData, Splitter } from './Splitter';
import { type ShuffleSplitOptions, shuffleSplitOptions } from './shuffleSplit';

/**
 * Group shuffle split: {@link shuffleSplit} over the distinct groups, so each group is wholly in train, in test,
 * or in neither.
 *
 * `testSize` and `trainSize` count (or take fractions of) groups, not samples. The distinct groups are sorted
 * (numbers numerically, strings by UTF-16 code unit, like numpy for non-astral text) and permuted as in
 * {@link shuffleSplit}; the sample indices of the chosen groups come out ascending. Defaults: `nSplits` 5,
 * `testSize` 0.2.
 *
 * @param options - `nSplits`, `testSize`, `trainSize` and `randomState`; see {@link ShuffleSplitOptions}.
 * @returns a {@link Splitter}; `split` needs `data.groups`.
 * @example
 * ```ts
 * import { groupShuffleSplit } from '@dl/crossval';
 * const groups = ['a', 'a', 'b', 'b', 'c', 'c', 'd', 'd'];
 * const [s] = groupShuffleSplit({ nSplits: 1, testSize: 0.25, randomState: 0 }).split({ groups });
 * Array.from(s!.test).map((i) => groups[i]); // ['c', 'c']
 * ```
 * @see {@link https://scikit-learn.org/1.2/modules/generated/sklearn.model_selection.GroupShuffleSplit.html | sklearn.model_selection.GroupShuffleSplit}
 */
export function groupShuffleSplit(options: ShuffleSplitOptions = {}): Splitter {
  options = shuffleSplitOptions(options, 'groupShuffleSplit');
  const fn = 'groupShuffleSplit';
  const nSplits = checkShuffleOptions(fn, options, 5);
  const { testSize, trainSize, randomState } = options;
  return {
    name: fn,
    getNSplits: () => nSplits,
    *split(data: SplitData): Iterable<Split> {
      const { n, groups } = resolveData(fn, data, 'groups');
      const { codes, counts } = encodeSorted(fn, 'groups', groups!);
      const nGroups = counts.length;
      const { nTrain, nTest } = shuffleSplitSizes(fn, nGroups, testSize, trainSize, 0.2);
      const rng = resolveRandomState(fn, randomState);
      const side = new Int8Array(nGroups);
      for (let s = 0; s < nSplits; s++) {
        const p = rng.permutation(nGroups);
        side.fill(0);
        let trainLen = 0;
        let testLen = 0;
        for (let j = 0; j < nTest; j++) {
          side[p[j]!] = 2;
          testLen += counts[p[j]!]!;
        }
        for (let j = nTest; j < nTest + nTrain; j++) {
          side[p[j]!] = 1;
          trainLen += counts[p[j]!]!;
        }
        const train = new Int32Array(trainLen);
        const test = new Int32Array(testLen);
        let a = 0;
        let b = 0;
        for (let i = 0; i < n; i++) {
          const w = side[codes[i]!];
          if (w === 1) train[a++] = i;
          else if (w === 2) test[b++] = i;
        }
        yield { train, test };
      }
    },
  };
}
