// The control words of the thread pool: Int32 indices into the first 64 KB of the shared memory.

/** @internal Most threads (the calling thread included). */
export const MAX_THREADS = 64;
/** @internal Bytes reserved for the control words at the start of the shared memory. */
export const CTL_BYTES = 65536;
/** @internal Int32 words of {@link CTL_BYTES}. */
export const CTL_WORDS = CTL_BYTES >> 2;
/** @internal Generation: incremented (and notified) by the calling thread for each product it hands out. */
export const GEN = 0;
/** @internal Non-zero: workers return. */
export const QUIT = 1;
/** @internal A scratch word (probes whether this thread may block). */
export const PROBE = 2;
/** @internal The next block of rows to take: each thread claims blocks with `Atomics.add` until none is left. */
export const NEXT = 3;
/** @internal The next chunk of B's panels to pack: the threads claim chunks with `Atomics.add`. */
export const PACK_NEXT = 4;
/**
 * @internal Parts of the product's preparation done: one per packed chunk of B, plus one when the calling thread
 * has copied A in; the threads start on their rows when it reaches the number of chunks + 1.
 */
export const PACK_DONE = 5;
/**
 * @internal A test hook, 0 in use: 1 makes a worker throw after claiming a chunk of B to pack, 2 after claiming a
 * block of rows (the caller's recovery paths: it packs B again, or computes the rows left undone).
 */
export const FAULT = 6;
/** @internal Columns of B per packing chunk (8 panels of 8 columns). */
export const PACK_COLS = 64;
/** @internal + worker id: 1 once the worker instantiated the module, -1 when it could not. */
export const READY = MAX_THREADS;
/** @internal + worker id: the generation the worker last finished. */
export const DONE = 2 * MAX_THREADS;
/** @internal + worker id: the generation whose task threw in the worker (the caller recomputes those rows). */
export const FAIL = 3 * MAX_THREADS;
/**
 * @internal + worker id × {@link TASK_WORDS}: the product (raw A, bytes from one row of op(A) to the next, A's
 * element strides, the worker's A panels, packed B, C, M, K, panels of B, C's row stride, rows per block, blocks,
 * raw B, B's element strides along k and n, N, packing chunks, the number of full blocks, rows per block after
 * them), then the generation the task belongs to (word {@link TASK_GEN}).
 */
export const TASK = 4 * MAX_THREADS;
/** @internal Words per task. */
export const TASK_WORDS = 24;
/** @internal The word of a task that holds the number of packing chunks of B. */
export const TASK_CHUNKS = 17;
/** @internal The word of a task that holds its generation. */
export const TASK_GEN = 20;
/** @internal + block: the generation whose rows of that block are done (the caller recomputes the others). */
export const BLOCK = 2048;
/** @internal Most blocks of rows a product is split into. */
export const MAX_BLOCKS = CTL_WORDS - BLOCK;
