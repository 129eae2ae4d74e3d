import { defineOptions } from '@dl/internal';
import { checkInt, resolveData } from './internal/data';
import type { Split, SplitData, Splitter } from './Splitter';

/** Options of {@link timeSeriesSplit}. */
export interface TimeSeriesSplitOptions {
  /**
   * The number of splits, at least 2.
   * @defaultValue 5
   */
  nSplits?: number;
  /**
   * The most training samples per split (the most recent ones are kept); no limit when omitted.
   * @defaultValue undefined
   */
  maxTrainSize?: number;
  /**
   * The number of test samples per split.
   * @defaultValue `floor(nSamples / (nSplits + 1))`
   */
  testSize?: number;
  /**
   * The number of samples dropped between the end of each train set and the start of its test set.
   * @defaultValue 0
   */
  gap?: number;
}

/** @internal The checker of {@link TimeSeriesSplitOptions}: its option names and defaults. */
export const timeSeriesSplitOptions = /* @__PURE__ */ defineOptions<TimeSeriesSplitOptions>()(
  'timeSeriesSplit',
  { nSplits: 5, maxTrainSize: undefined, testSize: undefined, gap: 0 },
);

/**
 * Time-series split: expanding-window (or, with `maxTrainSize`, sliding-window) splits whose test set always
 * follows its train set in time.
 *
 * With $n$ samples, $k$ splits, test size $t$ (default $\lfloor n / (k+1) \rfloor$) and gap $g$, split $i$
 * ($0 \le i < k$) tests $[s_i, s_i + t)$ with $s_i = n - (k - i)\,t$ and trains on $[0, s_i - g)$, trimmed to
 * its last `maxTrainSize` samples. Requires $k + 1 \le n$ and $n - g - k t > 0$.
 *
 * @param options - `nSplits`, `maxTrainSize`, `testSize` and `gap`; see {@link TimeSeriesSplitOptions}.
 * @returns a {@link Splitter}.
 * @example
 * ```ts
 * import { timeSeriesSplit } from '@dl/crossval';
 * const splits = [...timeSeriesSplit({ nSplits: 3 }).split({ nSamples: 6 })];
 * splits.map((s) => [Array.from(s.train), Array.from(s.test)]); // [[[0, 1, 2], [3]], [[0, 1, 2, 3], [4]], [[0, 1, 2, 3, 4], [5]]]
 * ```
 * @see {@link https://scikit-learn.org/1.2/modules/generated/sklearn.model_selection.TimeSeriesSplit.html | sklearn.model_selection.TimeSeriesSplit}
 */
export function timeSeriesSplit(options: TimeSeriesSplitOptions = {}): Splitter {
  options = timeSeriesSplitOptions(options, 'timeSeriesSplit');
  const fn = 'timeSeriesSplit';
  const { nSplits = 5, maxTrainSize, testSize, gap = 0 } = options;
  checkInt(fn, 'nSplits', nSplits, 2);
  if (maxTrainSize !== undefined) checkInt(fn, 'maxTrainSize', maxTrainSize, 1);
  if (testSize !== undefined) checkInt(fn, 'testSize', testSize, 1);
  checkInt(fn, 'gap', gap, 0);
  return {
    name: fn,
    getNSplits: () => nSplits,
    *split(data: SplitData): Iterable<Split> {
      const { n } = resolveData(fn, data, 'none');
      const nFolds = nSplits + 1;
      const t = testSize ?? Math.floor(n / nFolds);
      if (nFolds > n) {
        throw new RangeError(`${fn}: nSplits + 1 must be <= the number of samples ${n}, got ${nFolds}`);
      }
      if (n - gap - t * nSplits <= 0) {
        throw new RangeError(
          `${fn}: too many splits for the data: nSamples ${n} - gap ${gap} - nSplits ${nSplits} × testSize ${t} must be > 0, got ${n - gap - t * nSplits}`,
        );
      }
      const range = (a: number, b: number) => {
        const out = new Int32Array(Math.max(0, b - a));
        for (let i = 0; i < out.length; i++) out[i] = a + i;
        return out;
      };
      for (let start = n - nSplits * t; start < n; start += t) {
        const end = start - gap;
        const trainStart = maxTrainSize !== undefined && maxTrainSize < end ? end - maxTrainSize : 0;
        yield { train: range(trainStart, end), test: range(start, Math.min(start + t, n)) };
      }
    },
  };
}
