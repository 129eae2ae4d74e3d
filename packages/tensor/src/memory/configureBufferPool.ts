import { checkBoolean, checkInteger, defineOptions } from '@dl/internal';
import { pool, trimPool } from './_pool';

/** Options of {@link configureBufferPool}; a key left out keeps its current value. */
export interface BufferPoolOptions {
  /**
   * The most bytes the pool keeps in free buffers; a buffer given back beyond it is left to the garbage collector,
   * and lowering it frees the excess at once. `0` turns recycling off.
   * @defaultValue unchanged (initially 67108864, 64 MiB)
   */
  maxBytes?: number;
  /**
   * Buffers smaller than this many bytes are never pooled (a small typed array is cheap to allocate).
   * @defaultValue unchanged (initially 1024)
   */
  minBytes?: number;
  /**
   * Debug mode: every buffer given back to the pool, and every new buffer whose contents an op promises to
   * overwrite, is filled with NaN (int32: $-2^{31}$), so a tensor that reads a recycled or unwritten buffer shows
   * NaN at once. Slower; for tests.
   * @defaultValue unchanged (initially false)
   */
  poison?: boolean;
}

/** @internal The checker of {@link BufferPoolOptions}. */
export const bufferPoolOptions = /* @__PURE__ */ defineOptions<BufferPoolOptions>()('configureBufferPool', {
  maxBytes: undefined,
  minBytes: undefined,
  poison: undefined,
});

/**
 * Sets the limits of the buffer pool that recycles CPU tensor storage, and returns the settings now in force.
 *
 * CPU tensors are ordinary typed arrays. Ops take their result arrays from a pool of free arrays (kept by dtype
 * and exact length) before allocating, which saves the zero fill and the garbage collection of a fresh array
 * each training step. Arrays enter the pool only when nothing can read them any more: the intermediate
 * gradients of a `backward()` pass without `createGraph` (recycled at its end, except the gradients written into
 * `.grad` or returned by {@link gradients}), buffers private to a recorded op once a backward pass frees its
 * graph, and tensors you {@link Tensor.dispose | dispose} or that {@link tidy} disposes. A tensor you keep is
 * never recycled. The pool holds at most `maxBytes` bytes in free arrays (64 MiB unless set).
 *
 * @param options - see {@link BufferPoolOptions}.
 * @returns the settings in force after the call.
 * @example
 * ```ts
 * import { configureBufferPool } from '@dl/tensor';
 * const now = configureBufferPool({ maxBytes: 256 * 1024 * 1024 }); // 256 MiB for a large model
 * now.maxBytes; // 268435456
 * configureBufferPool({ maxBytes: 67108864 }).maxBytes; // back to 64 MiB: 67108864
 * ```
 */
export function configureBufferPool(options: BufferPoolOptions = {}): Required<BufferPoolOptions> {
  const o = bufferPoolOptions(options, 'configureBufferPool');
  if (o.maxBytes !== undefined) {
    pool.maxBytes = checkInteger('configureBufferPool', 'maxBytes', o.maxBytes, 0);
    if (pool.bytes > pool.maxBytes) trimPool(pool.maxBytes);
  }
  if (o.minBytes !== undefined)
    pool.minBytes = checkInteger('configureBufferPool', 'minBytes', o.minBytes, 0);
  if (o.poison !== undefined) pool.poison = checkBoolean('configureBufferPool', 'poison', o.poison);
  return { maxBytes: pool.maxBytes, minBytes: pool.minBytes, poison: pool.poison };
}
