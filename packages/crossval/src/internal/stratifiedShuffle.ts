import type { RandomState } from '../RandomState';
import type { Label, Split } from '../Splitter';
import { encodeSorted } from './labels';
import { approximateMode } from './shuffleSizes';

/** One stratified shuffle split of already-encoded labels (scikit-learn's draw order). */
export function stratifiedShuffleOnce(
  classIndices: Int32Array[],
  counts: Int32Array,
  nTrain: number,
  nTest: number,
  rng: RandomState,
): Split {
  const nI = approximateMode(counts, nTrain, rng);
  const remaining = counts.map((c, i) => c - nI[i]!);
  const tI = approximateMode(remaining, nTest, rng);
  const train = new Int32Array(nTrain);
  const test = new Int32Array(nTest);
  let a = 0;
  let b = 0;
  for (let i = 0; i < counts.length; i++) {
    const perm = rng.permutation(counts[i]!);
    const idx = classIndices[i]!;
    for (let j = 0; j < nI[i]!; j++) train[a++] = idx[perm[j]!]!;
    for (let j = nI[i]!; j < nI[i]! + tI[i]!; j++) test[b++] = idx[perm[j]!]!;
  }
  return { train: rng.shuffle(train), test: rng.shuffle(test) };
}

/** Encodes `y` and checks scikit-learn's StratifiedShuffleSplit preconditions. */
export function prepareStratified(
  fn: string,
  y: ArrayLike<Label>,
  nTrain: number,
  nTest: number,
): { classIndices: Int32Array[]; counts: Int32Array } {
  // Like scikit-learn, no binary/multiclass check here: any labels (even non-integer numbers) are classes.
  const { classes, codes, counts } = encodeSorted(fn, 'y', y);
  let min = Number.POSITIVE_INFINITY;
  let argmin = 0;
  counts.forEach((c, i) => {
    if (c < min) {
      min = c;
      argmin = i;
    }
  });
  if (min < 2) {
    throw new RangeError(
      `${fn}: every class in y must have at least 2 members, got class ${JSON.stringify(classes[argmin])} with ${min}`,
    );
  }
  if (nTrain < classes.length) {
    throw new RangeError(
      `${fn}: the train size must be >= the number of classes ${classes.length}, got ${nTrain}`,
    );
  }
  if (nTest < classes.length) {
    throw new RangeError(
      `${fn}: the test size must be >= the number of classes ${classes.length}, got ${nTest}`,
    );
  }
  const classIndices = Array.from(counts, (c) => new Int32Array(c));
  const cursor = new Int32Array(counts.length);
  for (let i = 0; i < codes.length; i++) {
    const k = codes[i]!;
    classIndices[k]![cursor[k]!++] = i;
  }
  return { classIndices, counts };
}
