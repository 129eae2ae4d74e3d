import { defineOptions, describe } from '@dl/internal';
import { resolveData, splitByFold } from './internal/data';
import type { Split, SplitData, Splitter } from './Splitter';

/** Options of {@link predefinedSplit}. */
export interface PredefinedSplitOptions {
  /**
   * The test fold of each sample: an integer fold id, or -1 to keep the sample in every train set.
   */
  testFold: ArrayLike<number>;
}

/** @internal The checker of {@link PredefinedSplitOptions}: its option names and defaults. */
export const predefinedSplitOptions = /* @__PURE__ */ defineOptions<PredefinedSplitOptions>()(
  'predefinedSplit',
  { testFold: undefined },
  { required: true },
);

/**
 * Predefined split: the folds are given, one integer per sample (-1 = never tested), e.g. a fixed validation set.
 *
 * One split per distinct fold id other than -1, in increasing order of id; each tests on the samples with that
 * id and trains on all the others. `split` ignores its data except to check its length.
 *
 * @param options - `testFold`; see {@link PredefinedSplitOptions}.
 * @returns a {@link Splitter}.
 * @example
 * ```ts
 * import { predefinedSplit } from '@dl/crossval';
 * const cv = predefinedSplit({ testFold: [0, 1, -1, 1] });
 * cv.getNSplits(); // 2
 * [...cv.split({})].map((s) => Array.from(s.train)); // [[1, 2, 3], [0, 2]]
 * ```
 * @see {@link https://scikit-learn.org/1.2/modules/generated/sklearn.model_selection.PredefinedSplit.html | sklearn.model_selection.PredefinedSplit}
 */
export function predefinedSplit(options: PredefinedSplitOptions): Splitter {
  options = predefinedSplitOptions(options, 'predefinedSplit');
  const fn = 'predefinedSplit';
  const testFold = options?.testFold;
  if (testFold === undefined || testFold === null || typeof testFold.length !== 'number') {
    throw new TypeError(`${fn}: testFold must be an array of integers, got ${describe(testFold)}`);
  }
  const n = testFold.length;
  const ids = new Set<number>();
  for (let i = 0; i < n; i++) {
    const v = testFold[i]!;
    if (typeof v !== 'number' || !Number.isInteger(v)) {
      throw new TypeError(`${fn}: testFold must hold integers, got ${describe(v)} at index ${i}`);
    }
    if (v !== -1) ids.add(v);
  }
  const folds = [...ids].sort((a, b) => a - b);
  const codes = new Int32Array(n);
  const sizes = new Int32Array(folds.length);
  const index = new Map(folds.map((f, i) => [f, i]));
  for (let i = 0; i < n; i++) {
    const k = testFold[i] === -1 ? -1 : index.get(testFold[i]!)!;
    codes[i] = k;
    if (k >= 0) sizes[k]!++;
  }
  return {
    name: fn,
    getNSplits: () => folds.length,
    *split(data: SplitData = {}): Iterable<Split> {
      if (
        data.nSamples !== undefined ||
        data.X !== undefined ||
        data.y !== undefined ||
        data.groups !== undefined
      ) {
        const m = resolveData(fn, data, 'none').n;
        if (m !== n)
          throw new RangeError(`${fn}: the data has ${m} samples, expected ${n} (the length of testFold)`);
      }
      for (let k = 0; k < folds.length; k++) yield splitByFold(codes, k, sizes[k]!);
    },
  };
}
