/**
 * @internal A float32 product $C = \operatorname{op}(A) \operatorname{op}(B)$ split across threads (the arguments
 * of `wasmMatmul`, without its kernel runtime). Returns false, leaving C untouched, when it cannot run (no worker
 * ready yet, or the shared memory cannot grow): the caller then computes it on this thread.
 */
export type ParallelMatmul = (
  a: Float32Array,
  aOff: number,
  transA: boolean,
  b: Float32Array,
  bOff: number,
  transB: boolean,
  c: Float32Array,
  cOff: number,
  M: number,
  K: number,
  N: number,
) => boolean;

/**
 * @internal Where the matrix product finds the thread pool: `run` is null until `setNumThreads` starts one (so
 * bundles that never call it carry no thread code), `min` the fewest multiply-adds (M·N·K) sent to it.
 */
export const parallel: { run: ParallelMatmul | null; min: number } = { run: null, min: 1 << 22 };

/** @internal Sets {@link parallel}'s `min` (tests use 0); returns the old one. */
export function setParallelMin(n: number): number {
  const old = parallel.min;
  parallel.min = n;
  return old;
}
