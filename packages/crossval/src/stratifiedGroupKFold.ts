import { defineOptions } from '@dl/internal';
import { resolveData, splitByFold } from './internal/data';
import { checkFoldsFit, checkKFoldOptions } from './internal/kfold';
import { checkClassTarget, encodeSorted } from './internal/labels';
import { pairwiseSum } from './internal/numpy';
import { resolveRandomState } from './internal/random';
import { checkClassCounts } from './internal/stratified';
import type { RandomStateLike } from './RandomState';
import type { Split, SplitData, Splitter, WarningHandler } from './Splitter';

/** Options of {@link stratifiedGroupKFold}. */
export interface StratifiedGroupKFoldOptions {
  /**
   * The number of folds, at least 2 and at most the number of distinct groups.
   * @defaultValue 5
   */
  nSplits?: number;
  /**
   * Shuffle the groups before the greedy assignment (as scikit-learn 1.2 does it; see the details).
   * @defaultValue false
   */
  shuffle?: boolean;
  /**
   * The seed of the shuffle; only allowed with `shuffle: true`.
   * @defaultValue undefined (a fresh random seed)
   */
  randomState?: RandomStateLike;
  /**
   * Called with scikit-learn's warning when the least populated class has fewer members than `nSplits`.
   * @defaultValue console.warn
   */
  onWarning?: WarningHandler;
}

/** @internal The checker of {@link StratifiedGroupKFoldOptions}: its option names and defaults. */
export const stratifiedGroupKFoldOptions = /* @__PURE__ */ defineOptions<StratifiedGroupKFoldOptions>()(
  'stratifiedGroupKFold',
  { nSplits: 5, shuffle: false, randomState: undefined, onWarning: undefined },
);

/**
 * Stratified group K-fold: whole groups per fold, chosen greedily so that each fold's class proportions stay
 * close to the whole set's.
 *
 * Groups are taken by decreasing standard deviation of their class counts (stable order); each goes to the fold
 * that minimises the mean over classes $c$ of $\operatorname{std}_f\bigl(n_{fc} / n_c\bigr)$ once the group is
 * added, ties (within `np.isclose`) going to the fold with fewer samples. The arithmetic follows numpy's
 * (pairwise sums) so that ties break as in scikit-learn 1.2.
 *
 * With `shuffle`, scikit-learn 1.2 shuffles the rows of its per-group class-count table but keeps using row
 * positions as group ids, so the balancing works on shuffled counts; this is reproduced exactly (scikit-learn
 * 1.3 changed it). Unlike scikit-learn 1.2, which silently yields empty test folds, fewer distinct groups than
 * `nSplits` is an error here.
 *
 * @param options - `nSplits`, `shuffle`, `randomState` and `onWarning`; see {@link StratifiedGroupKFoldOptions}.
 * @returns a {@link Splitter}; `split` needs `data.y` and `data.groups`.
 * @example
 * ```ts
 * import { stratifiedGroupKFold } from '@dl/crossval';
 * const y = [0, 0, 1, 1, 0, 0, 1, 1];
 * const groups = [1, 1, 2, 2, 3, 3, 4, 4];
 * const folds = [...stratifiedGroupKFold({ nSplits: 2 }).split({ y, groups })];
 * Array.from(folds[0]!.test); // [0, 1, 6, 7]
 * ```
 * @see {@link https://scikit-learn.org/1.2/modules/generated/sklearn.model_selection.StratifiedGroupKFold.html | sklearn.model_selection.StratifiedGroupKFold}
 */
export function stratifiedGroupKFold(options: StratifiedGroupKFoldOptions = {}): Splitter {
  options = stratifiedGroupKFoldOptions(options, 'stratifiedGroupKFold');
  const fn = 'stratifiedGroupKFold';
  const { nSplits, shuffle } = checkKFoldOptions(fn, options);
  const { randomState, onWarning = console.warn } = options;
  return {
    name: fn,
    getNSplits: () => nSplits,
    *split(data: SplitData): Iterable<Split> {
      const { n, y, groups } = resolveData(fn, data, 'both');
      checkFoldsFit(fn, nSplits, n);
      const rng = shuffle ? resolveRandomState(fn, randomState) : undefined;
      const ye = encodeSorted(fn, 'y', y!);
      checkClassTarget(fn, ye.classes);
      const yCnt = ye.counts;
      const nClasses = yCnt.length;
      checkClassCounts(fn, yCnt, nSplits, onWarning);
      const ge = encodeSorted(fn, 'groups', groups!);
      const nGroups = ge.counts.length;
      if (nSplits > nGroups) {
        throw new RangeError(
          `${fn}: nSplits must be <= the number of distinct groups ${nGroups}, got ${nSplits}`,
        );
      }
      // y_counts_per_group, one row per group.
      const table = new Float64Array(nGroups * nClasses);
      for (let i = 0; i < n; i++) table[ge.codes[i]! * nClasses + ye.codes[i]!]! += 1;
      if (rng) {
        const row = new Float64Array(nClasses);
        for (let i = nGroups - 1; i > 0; i--) {
          const j = rng.interval(i);
          if (i === j) continue;
          row.set(table.subarray(j * nClasses, (j + 1) * nClasses));
          table.copyWithin(j * nClasses, i * nClasses, (i + 1) * nClasses);
          table.set(row, i * nClasses);
        }
      }
      // np.std(table, axis=1), then a stable argsort of -std.
      const std = new Float64Array(nGroups);
      const dev = new Float64Array(nClasses);
      for (let g = 0; g < nGroups; g++) {
        const mean = pairwiseSum(table, g * nClasses, nClasses) / nClasses;
        for (let c = 0; c < nClasses; c++) {
          const d = table[g * nClasses + c]! - mean;
          dev[c] = d * d;
        }
        std[g] = Math.sqrt(pairwiseSum(dev, 0, nClasses) / nClasses);
      }
      const order = Array.from({ length: nGroups }, (_, i) => i).sort((a, b) => std[b]! - std[a]! || a - b);
      const perFold = new Float64Array(nSplits * nClasses);
      const groupToFold = new Int32Array(nGroups);
      const stdPerClass = new Float64Array(nClasses);
      for (const g of order) {
        const counts = table.subarray(g * nClasses, (g + 1) * nClasses);
        let best = -1;
        let minEval = Number.POSITIVE_INFINITY;
        let minSamples = Number.POSITIVE_INFINITY;
        for (let i = 0; i < nSplits; i++) {
          for (let c = 0; c < nClasses; c++) perFold[i * nClasses + c]! += counts[c]!;
          for (let c = 0; c < nClasses; c++) {
            let s = 0;
            for (let f = 0; f < nSplits; f++) s += perFold[f * nClasses + c]! / yCnt[c]!;
            const mean = s / nSplits;
            let v = 0;
            for (let f = 0; f < nSplits; f++) {
              const d = perFold[f * nClasses + c]! / yCnt[c]! - mean;
              v += d * d;
            }
            stdPerClass[c] = Math.sqrt(v / nSplits);
          }
          for (let c = 0; c < nClasses; c++) perFold[i * nClasses + c]! -= counts[c]!;
          const foldEval = pairwiseSum(stdPerClass, 0, nClasses) / nClasses;
          const samples = pairwiseSum(perFold, i * nClasses, nClasses);
          const close =
            Number.isFinite(minEval) && Math.abs(foldEval - minEval) <= 1e-8 + 1e-5 * Math.abs(minEval);
          if (foldEval < minEval || (close && samples < minSamples)) {
            minEval = foldEval;
            minSamples = samples;
            best = i;
          }
        }
        for (let c = 0; c < nClasses; c++) perFold[best * nClasses + c]! += counts[c]!;
        groupToFold[g] = best;
      }
      const folds = new Int32Array(n);
      const sizes = new Int32Array(nSplits);
      for (let i = 0; i < n; i++) {
        const f = groupToFold[ge.codes[i]!]!;
        folds[i] = f;
        sizes[f]!++;
      }
      for (let f = 0; f < nSplits; f++) yield splitByFold(folds, f, sizes[f]!);
    },
  };
}
