import type { RandomState } from '../RandomState';
import type { Split, SplitData, WarningHandler } from '../Splitter';
import { resolveData, splitByFold } from './data';
import { checkFoldsFit } from './kfold';
import { checkClassTarget, encodeFirst } from './labels';

/**
 * scikit-learn's class-size rule for stratified K-fold: a RangeError when every class has fewer than `nSplits`
 * members, a warning when the smallest one does.
 */
export function checkClassCounts(
  fn: string,
  counts: ArrayLike<number>,
  nSplits: number,
  onWarning: WarningHandler,
): void {
  let min = Number.POSITIVE_INFINITY;
  let max = 0;
  for (let k = 0; k < counts.length; k++) {
    min = Math.min(min, counts[k]!);
    max = Math.max(max, counts[k]!);
  }
  if (nSplits > max) {
    throw new RangeError(
      `${fn}: nSplits must be <= the number of members of at least one class (the largest class has ${max}), got ${nSplits}`,
    );
  }
  if (nSplits > min) {
    onWarning(
      `${fn}: the least populated class in y has only ${min} members, which is less than nSplits=${nSplits}`,
    );
  }
}

/** The splits of one stratified K-fold pass over `data` (shuffled within classes when `rng` is given). */
export function* stratifiedKFoldSplits(
  fn: string,
  data: SplitData,
  nSplits: number,
  rng: RandomState | undefined,
  onWarning: WarningHandler,
): Iterable<Split> {
  const { n, y } = resolveData(fn, data, 'y');
  checkFoldsFit(fn, nSplits, n);
  const { folds, sizes } = stratifiedTestFolds(fn, y!, nSplits, rng, onWarning);
  for (let f = 0; f < nSplits; f++) yield splitByFold(folds, f, sizes[f]!);
}

/** Computes scikit-learn's (>= 0.22) `test_folds` for stratified K-fold. */
export function stratifiedTestFolds(
  fn: string,
  y: ArrayLike<number | string>,
  nSplits: number,
  rng: RandomState | undefined,
  onWarning: WarningHandler,
): { folds: Int32Array; sizes: Int32Array } {
  const { codes, counts, classes } = encodeFirst(fn, 'y', y);
  checkClassTarget(fn, classes);
  const nClasses = classes.length;
  checkClassCounts(fn, counts, nSplits, onWarning);
  // allocation[f][k] = #{ p in [start_k, start_k + count_k) : p mod nSplits = f } over the sorted codes.
  const folds = new Int32Array(codes.length);
  const sizes = new Int32Array(nSplits);
  const perClass: Int32Array[] = [];
  let start = 0;
  for (let k = 0; k < nClasses; k++) {
    const c = counts[k]!;
    const forClass = new Int32Array(c);
    let pos = 0;
    for (let f = 0; f < nSplits; f++) {
      // number of p in [start, start+c) with p ≡ f (mod nSplits)
      const first = start + ((((f - start) % nSplits) + nSplits) % nSplits);
      const m = first < start + c ? Math.floor((start + c - 1 - first) / nSplits) + 1 : 0;
      forClass.fill(f, pos, pos + m);
      pos += m;
      sizes[f]! += m;
    }
    if (rng) rng.shuffle(forClass);
    perClass.push(forClass);
    start += c;
  }
  const cursor = new Int32Array(nClasses);
  for (let i = 0; i < codes.length; i++) {
    const k = codes[i]!;
    folds[i] = perClass[k]![cursor[k]!++]!;
  }
  return { folds, sizes };
}
