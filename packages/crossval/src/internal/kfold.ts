import { describe } from '@dl/internal';
import type { RandomState, RandomStateLike } from '../RandomState';
import type { Split, SplitData } from '../Splitter';
import { checkBool, checkInt, resolveData, splitByTest } from './data';
import { checkRandomState } from './random';

/** Validates K-fold options shared by kFold and stratifiedKFold. */
export function checkKFoldOptions(
  fn: string,
  options: { nSplits?: number; shuffle?: boolean; randomState?: RandomStateLike },
): { nSplits: number; shuffle: boolean } {
  const { nSplits = 5, shuffle = false, randomState } = options;
  checkInt(fn, 'nSplits', nSplits, 2);
  checkBool(fn, 'shuffle', shuffle);
  if (!shuffle && randomState !== undefined) {
    throw new TypeError(
      `${fn}: randomState has no effect when shuffle is false, got randomState ${describe(randomState)} with shuffle false`,
    );
  }
  checkRandomState(fn, randomState);
  return { nSplits, shuffle };
}

/** Throws scikit-learn's error when there are fewer samples than folds. */
export function checkFoldsFit(fn: string, nSplits: number, n: number): void {
  if (nSplits > n) {
    throw new RangeError(`${fn}: nSplits must be <= the number of samples ${n}, got ${nSplits}`);
  }
}

/** KFold's splits; `rng` is called (once, lazily) only when shuffling. */
export function* kFoldSplits(
  fn: string,
  data: SplitData,
  nSplits: number,
  rng: (() => RandomState) | undefined,
): Generator<Split> {
  const { n } = resolveData(fn, data, 'none');
  checkFoldsFit(fn, nSplits, n);
  const indices = new Int32Array(n);
  for (let i = 0; i < n; i++) indices[i] = i;
  if (rng) rng().shuffle(indices);
  const base = Math.floor(n / nSplits);
  const extra = n % nSplits;
  let current = 0;
  for (let f = 0; f < nSplits; f++) {
    const size = base + (f < extra ? 1 : 0);
    yield splitByTest(n, indices.subarray(current, current + size));
    current += size;
  }
}
