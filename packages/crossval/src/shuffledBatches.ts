import { defineOptions, describe } from '@dl/internal';
import { checkBool, checkInt } from './internal/data';
import { checkRandomState, resolveRandomState } from './internal/random';
import type { RandomStateLike } from './RandomState';

/** Options of {@link shuffledBatches}. */
export interface ShuffledBatchesOptions {
  /** The indices to batch: a count `n` (meaning `0..n-1`) or an index array such as a split's `train`. */
  indices: number | ArrayLike<number>;
  /** The batch size, at least 1. */
  batchSize: number;
  /**
   * The number of epochs.
   * @defaultValue 1
   */
  epochs?: number;
  /**
   * Drop each epoch's last batch when it is smaller than `batchSize`.
   * @defaultValue false
   */
  dropLast?: boolean;
  /**
   * Shuffle at the start of every epoch; without it batches follow the given order.
   * @defaultValue true
   */
  shuffle?: boolean;
  /**
   * The seed of the one stream all epochs draw from.
   * @defaultValue undefined (a fresh random seed)
   */
  randomState?: RandomStateLike;
}

/** @internal The checker of {@link ShuffledBatchesOptions}: its option names and defaults. */
export const shuffledBatchesOptions = /* @__PURE__ */ defineOptions<ShuffledBatchesOptions>()(
  'shuffledBatches',
  {
    indices: undefined,
    batchSize: undefined,
    epochs: 1,
    dropLast: false,
    shuffle: true,
    randomState: undefined,
  },
  { required: true },
);

/** One mini-batch of {@link shuffledBatches}. */
export interface MiniBatch {
  /** The epoch, from 0. */
  epoch: number;
  /** The batch within the epoch, from 0. */
  batch: number;
  /** The sample indices of the batch. */
  indices: Int32Array;
}

/**
 * Mini-batches for a training loop, reshuffled after each epoch, reproducibly from a seed.
 *
 * One {@link RandomState} stream is seeded once; epoch $e$ uses the $e$-th permutation drawn from it
 * (`rng.permutation(indices)`, numpy's draws) and cuts it into consecutive batches of `batchSize` (the last one
 * smaller unless `dropLast`). The same seed always yields the same batches, in Python too:
 * `rng = np.random.RandomState(seed); for epoch in range(epochs): order = rng.permutation(indices)`.
 *
 * @param options - `indices`, `batchSize`, `epochs`, `dropLast`, `shuffle`, `randomState`; see
 *   {@link ShuffledBatchesOptions}.
 * @returns a lazy iterable of {@link MiniBatch}es, epoch by epoch.
 * @example
 * ```ts
 * import { shuffledBatches } from '@dl/crossval';
 * const batches = [...shuffledBatches({ indices: 5, batchSize: 2, epochs: 2, randomState: 0 })];
 * batches.map((b) => Array.from(b.indices)); // [[2, 0], [1, 3], [4], [0, 2], [1, 4], [3]]
 * ```
 * @see {@link https://numpy.org/doc/stable/reference/random/generated/numpy.random.RandomState.permutation.html | numpy.random.RandomState.permutation}
 */
export function shuffledBatches(options: ShuffledBatchesOptions): Iterable<MiniBatch> {
  options = shuffledBatchesOptions(options, 'shuffledBatches');
  const fn = 'shuffledBatches';
  if (options === null || typeof options !== 'object') {
    throw new TypeError(`${fn}: options must be an object, got ${describe(options)}`);
  }
  const { indices, batchSize, epochs = 1, dropLast = false, shuffle = true, randomState } = options;
  let base: Int32Array;
  if (typeof indices === 'number') {
    checkInt(fn, 'indices', indices, 0);
    base = Int32Array.from({ length: indices }, (_, i) => i);
  } else if (indices !== null && typeof indices === 'object' && typeof indices.length === 'number') {
    base = Int32Array.from(indices);
  } else {
    throw new TypeError(`${fn}: indices must be a count or an array of indices, got ${describe(indices)}`);
  }
  checkInt(fn, 'batchSize', batchSize, 1);
  checkInt(fn, 'epochs', epochs, 0);
  checkBool(fn, 'dropLast', dropLast);
  checkBool(fn, 'shuffle', shuffle);
  checkRandomState(fn, randomState);
  const rng = shuffle ? resolveRandomState(fn, randomState) : undefined;
  const n = base.length;
  return (function* () {
    for (let epoch = 0; epoch < epochs; epoch++) {
      const order = rng ? rng.permutation(base) : base;
      let batch = 0;
      for (let start = 0; start < n; start += batchSize) {
        const end = Math.min(start + batchSize, n);
        if (dropLast && end - start < batchSize) break;
        yield { epoch, batch: batch++, indices: order.slice(start, end) };
      }
    }
  })();
}
