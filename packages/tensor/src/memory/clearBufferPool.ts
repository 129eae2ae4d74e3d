import { clearPool, pool } from './_pool';

/**
 * Empties the buffer pool that recycles CPU tensor storage (the garbage collector takes the free arrays) and
 * resets its counters; tensors in use are not affected. See {@link configureBufferPool}.
 *
 * @example
 * ```ts
 * import { bufferPoolStats, clearBufferPool } from '@dl/tensor';
 * clearBufferPool();
 * bufferPoolStats().bytes; // 0
 * ```
 */
export function clearBufferPool(): void {
  clearPool();
  pool.hits = 0;
  pool.misses = 0;
  pool.released = 0;
  pool.dropped = 0;
}
