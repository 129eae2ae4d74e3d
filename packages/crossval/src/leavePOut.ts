import { defineOptions, describe } from '@dl/internal';
import { checkInt, resolveData, splitByTest } from './internal/data';
import type { Split, SplitData, Splitter } from './Splitter';

/** Options of {@link leavePOut}. */
export interface LeavePOutOptions {
  /** The size of each test set, at least 1 and less than the number of samples. */
  p: number;
}

/** @internal The checker of {@link LeavePOutOptions}: its option names and defaults. */
export const leavePOutOptions = /* @__PURE__ */ defineOptions<LeavePOutOptions>()(
  'leavePOut',
  {
    p: undefined,
  },
  { required: true },
);

function binomial(n: number, k: number): number {
  let r = 1;
  for (let i = 1; i <= k; i++) r = (r * (n - k + i)) / i;
  return Math.round(r);
}

/**
 * Leave-p-out: one split per subset of $p$ samples, tested on that subset; $\binom{n}{p}$ splits in
 * lexicographic order of the test subsets. Test sets overlap for $p > 1$, so this is not a partition.
 *
 * The count grows very fast with $n$: prefer {@link kFold} or {@link shuffleSplit} except for tiny data.
 *
 * @param options - `p`; see {@link LeavePOutOptions}.
 * @returns a {@link Splitter}; `getNSplits` needs the data.
 * @example
 * ```ts
 * import { leavePOut } from '@dl/crossval';
 * const cv = leavePOut({ p: 2 });
 * cv.getNSplits({ nSamples: 4 }); // 6
 * [...cv.split({ nSamples: 3 })].map((s) => Array.from(s.test)); // [[0, 1], [0, 2], [1, 2]]
 * ```
 * @see {@link https://scikit-learn.org/1.2/modules/generated/sklearn.model_selection.LeavePOut.html | sklearn.model_selection.LeavePOut}
 */
export function leavePOut(options: LeavePOutOptions): Splitter {
  options = leavePOutOptions(options, 'leavePOut');
  const fn = 'leavePOut';
  if (options === null || typeof options !== 'object') {
    throw new TypeError(`${fn}: options must be an object { p }, got ${describe(options)}`);
  }
  const { p } = options;
  checkInt(fn, 'p', p, 1);
  return {
    name: fn,
    getNSplits: (data?: SplitData) => {
      if (data === undefined) throw new TypeError(`${fn}: getNSplits needs the data, got undefined`);
      return binomial(resolveData(fn, data, 'none').n, p);
    },
    *split(data: SplitData): Iterable<Split> {
      const { n } = resolveData(fn, data, 'none');
      if (n <= p) throw new RangeError(`${fn}: p must be < the number of samples ${n}, got ${p}`);
      const c = Array.from({ length: p }, (_, i) => i);
      for (;;) {
        yield splitByTest(n, c);
        let i = p - 1;
        while (i >= 0 && c[i] === n - p + i) i--;
        if (i < 0) return;
        c[i]!++;
        for (let j = i + 1; j < p; j++) c[j] = c[j - 1]! + 1;
      }
    },
  };
}
