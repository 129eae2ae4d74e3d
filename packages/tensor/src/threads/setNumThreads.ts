import { checkInteger } from '@dl/internal';
import { MAX_THREADS } from './control';
import { parallel } from './hook';
import { MatmulPool } from './pool';

let pool: MatmulPool | null = null;

/**
 * Sets how many threads compute large float32 matrix products (`matmul`, `linear` and their gradients). Off by
 * default: one thread, and no worker is started until this is called with `n > 1`.
 *
 * With `n > 1`, `n - 1` workers are started (Node: `worker_threads`; browsers: a `Worker`, only on cross-origin
 * isolated pages, where `SharedArrayBuffer` exists) that share one WebAssembly memory with the calling thread.
 * A float32 product of at least $2^{22}$ multiply-adds ($M N K$, about 161 × 161 × 161; smaller ones gain little or
 * lose from a hand-over that costs tens of microseconds: 128³ ran 0.87x and 192³ 1.32x on two threads on an idle
 * 2-core machine) is split into blocks of rows of the result: the calling
 * thread copies $B$ into the shared memory, and the workers start packing it while the calling thread copies $A$
 * in; every thread (the calling one included) then claims blocks of rows one at a time, packs their rows of $A$
 * and multiplies them by $B$ with the one-thread kernel, and the calling thread copies each finished block of the
 * result out between its own blocks.
 * Each element is therefore the same float32 sum in the same order $k = 0, 1, \ldots$ as on one thread: results
 * are **bit-identical** whatever `n`. Products run only when the WebAssembly kernels do ({@link setKernelBackend}
 * `'wasm'`); other work (elementwise ops, reductions) stays on the calling thread: copying its operands into the
 * shared memory already costs about what the op does (see the tensor benchmark page).
 *
 * The calling thread waits for the workers with `Atomics.wait` where it may block (Node, workers); a browser's
 * main thread may not, so it polls, right after computing its own rows (which take as long). Workers never keep a
 * Node process alive (`unref`); `setNumThreads(1)` stops them. Where threads cannot run (no shared memory, no
 * workers, no WebAssembly SIMD, or Node older than 20.16), the count stays 1.
 *
 * @param n - the number of threads, the calling one included: an integer in [1, 64]. On a machine with `c`
 *   cores, `c` is the useful maximum.
 * @returns the number of threads before the call.
 * @throws TypeError when `n` is not a number; RangeError when it is not an integer in [1, 64].
 * @example
 * ```ts
 * import { getNumThreads, matmul, ones, setNumThreads } from '@dl/tensor';
 * const before = setNumThreads(2);
 * matmul(ones([256, 256]), ones([256, 256])).shape; // [256, 256]
 * [1, 2].includes(getNumThreads()); // true
 * setNumThreads(before);
 * ```
 * @see {@link https://pytorch.org/docs/1.13/generated/torch.set_num_threads.html | torch.set_num_threads}
 */
export function setNumThreads(n: number): number {
  checkInteger('setNumThreads', 'n', n, 1, MAX_THREADS);
  const old = getNumThreads();
  if (n === old) return old;
  pool?.close();
  pool = n > 1 ? MatmulPool.create(n) : null;
  parallel.run = pool === null ? null : pool.run;
  return old;
}

/**
 * The number of threads that compute large float32 matrix products: 1 by default, else what
 * {@link setNumThreads} set (1 where threads cannot run).
 *
 * @returns an integer in [1, 64].
 * @example
 * ```ts
 * import { getNumThreads } from '@dl/tensor';
 * getNumThreads(); // 1
 * ```
 * @see {@link https://pytorch.org/docs/1.13/generated/torch.get_num_threads.html | torch.get_num_threads}
 */
export function getNumThreads(): number {
  return pool === null ? 1 : pool.n;
}

/**
 * @internal Resolves once the workers of the current pool are started (tests and benchmarks wait for it). The
 * workers are unref'd, so a timer keeps a Node process alive meanwhile.
 */
export function threadsReady(): Promise<void> {
  if (pool === null) return Promise.resolve();
  const keep = setInterval(() => {}, 1000);
  return pool.ready.finally(() => clearInterval(keep));
}

/** @internal Products the current pool handed out to workers so far (0 without a pool). */
export function parallelProducts(): number {
  return pool === null ? 0 : pool.products;
}

/**
 * @internal Test hook: makes the current pool's workers fail (1: after claiming a chunk of B to pack, 2: after
 * claiming a block of rows; 0: off) and returns what the calling thread recovered so far.
 */
export function threadsFault(code: number): { repacked: number; recomputed: number } {
  pool?.fault(code);
  return { repacked: pool?.repacked ?? 0, recomputed: pool?.recomputed ?? 0 };
}
