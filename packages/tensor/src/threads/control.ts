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
/** @internal + worker id: 1 once the worker instantiated the module, -1 when it could not. */
export const READY = MAX_THREADS;
/** @internal + worker id: the generation the worker last finished. */
export const DONE = 2 * MAX_THREADS;
/** @internal + worker id: the generation whose task threw in the worker (the caller recomputes those rows). */
export const FAIL = 3 * MAX_THREADS;
/** @internal + worker id × {@link TASK_WORDS}: gemm's ten arguments, then the generation the task belongs to. */
export const TASK = 4 * MAX_THREADS;
/** @internal Words per task. */
export const TASK_WORDS = 16;
