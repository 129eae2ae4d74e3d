import { pool } from './_pool';

/** What {@link bufferPoolStats} reports. */
export interface BufferPoolStats {
  /** Bytes held in free buffers now. */
  bytes: number;
  /** Free buffers held now. */
  buffers: number;
  /** Allocations served from the pool since the last {@link clearBufferPool}. */
  hits: number;
  /** Allocations of a poolable size that found no free buffer (a new array was made). */
  misses: number;
  /** Buffers given back to the pool. */
  released: number;
  /** Buffers given back but not kept (the pool was at `maxBytes`). */
  dropped: number;
  /** The cap in force (see {@link configureBufferPool}). */
  maxBytes: number;
}

/**
 * The state of the buffer pool that recycles CPU tensor storage (see {@link configureBufferPool}): what it holds
 * and how often it served an allocation.
 *
 * @returns a snapshot of the counters.
 * @example
 * ```ts
 * import { bufferPoolStats, mul, sum, tensor } from '@dl/tensor';
 * const x = tensor(new Float32Array(1024).fill(1), { requiresGrad: true });
 * sum(mul(mul(x, 2), 3)).backward(); // the pass's intermediate gradients go back to the pool
 * bufferPoolStats().buffers > 0; // true
 * ```
 */
export function bufferPoolStats(): BufferPoolStats {
  let buffers = 0;
  for (const map of [pool.free.float32, pool.free.float64, pool.free.int32] as Map<number, unknown[]>[]) {
    for (const list of map.values()) buffers += list.length;
  }
  return {
    bytes: pool.bytes,
    buffers,
    hits: pool.hits,
    misses: pool.misses,
    released: pool.released,
    dropped: pool.dropped,
    maxBytes: pool.maxBytes,
  };
}
