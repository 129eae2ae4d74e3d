import type { DType, TensorArray } from '../dtype';

/**
 * @internal The buffer pool of CPU tensor storage.
 *
 * Free typed arrays, kept by dtype and exact length (a training step allocates the same sizes every step, so exact
 * classes hit; a buffer is never handed out as a view of a larger one, so `data.buffer` and `data.length` stay what
 * users expect). Buffers enter the pool only from sources that know nothing else references them: gradient
 * intermediates of a backward pass (see the engine), buffers private to a recorded node, released when the graph
 * is freed, and tensors the user disposes. Nothing is ever taken from a live tensor behind the user's back:
 * `FinalizationRegistry` callbacks are tasks (they never run inside a synchronous training loop) and a `WeakRef`
 * keeps its target alive until the job ends, so garbage-collection-driven reuse could not feed a loop anyway.
 */
interface PoolState {
  /** Free buffers by length, one map per dtype. */
  free: {
    float32: Map<number, Float32Array[]>;
    float64: Map<number, Float64Array[]>;
    int32: Map<number, Int32Array[]>;
  };
  /** Bytes held by the free lists. */
  bytes: number;
  /** Cap on `bytes`: a release that would pass it drops the buffer (the garbage collector takes it). */
  maxBytes: number;
  /** Buffers smaller than this are not pooled (small typed arrays are cheap to allocate). */
  minBytes: number;
  /** Debug mode: freed buffers and uninitialised allocations are filled with NaN (int32: -2^31). */
  poison: boolean;
  hits: number;
  misses: number;
  released: number;
  dropped: number;
  /** While a backward pass captures its allocations: the buffers allocated since it began, else null. */
  capture: Set<TensorArray> | null;
}

/**
 * @internal The buffers that one tensor alone holds, made by this allocator: only these may go back to the pool
 * when their tensor is disposed. A buffer leaves the set when a second tensor is made on it ({@link markShared}:
 * views, detach, `tensor(x.data)`), when it is registered as private to a graph node, or when it is recycled.
 */
const owned = new WeakSet<TensorArray>();

/** @internal Notes that `a` is (or may be) referenced by more than one tensor or by the user: never recycle it. */
export function markShared(a: TensorArray): void {
  owned.delete(a);
}

/** @internal Takes `a` from its single owner (for a buffer that a graph node will release); false if not owned. */
export function disown(a: TensorArray): boolean {
  return owned.delete(a);
}

/** @internal The default cap of the pool: 64 MiB. */
export const DEFAULT_MAX_BYTES = 67108864;
/** @internal The default smallest pooled buffer: 1 KiB. */
export const DEFAULT_MIN_BYTES = 1024;

/** @internal The pool of this copy of the package. */
export const pool: PoolState = {
  free: { float32: new Map(), float64: new Map(), int32: new Map() },
  bytes: 0,
  maxBytes: DEFAULT_MAX_BYTES,
  minBytes: DEFAULT_MIN_BYTES,
  poison: false,
  hits: 0,
  misses: 0,
  released: 0,
  dropped: 0,
  capture: null,
};

const BYTES: Record<DType, number> = { float32: 4, float64: 8, int32: 4 };

function fresh(dtype: DType, size: number): TensorArray {
  switch (dtype) {
    case 'float32':
      return new Float32Array(size);
    case 'float64':
      return new Float64Array(size);
    case 'int32':
      return new Int32Array(size);
  }
}

function poisonValue(a: TensorArray): number {
  return a instanceof Int32Array ? -2147483648 : Number.NaN;
}

function take(dtype: DType, size: number): TensorArray | undefined {
  if (size * BYTES[dtype] < pool.minBytes) return undefined;
  const list = (pool.free[dtype] as Map<number, TensorArray[]>).get(size);
  if (list === undefined || list.length === 0) {
    pool.misses++;
    return undefined;
  }
  const a = list.pop()!;
  pool.bytes -= a.byteLength;
  pool.hits++;
  return a;
}

/**
 * @internal A typed array of `dtype` holding `size` elements whose contents are UNSPECIFIED (a reused buffer keeps
 * old values; in poison mode every element is NaN): for kernels that write every element.
 */
export function allocUninit(dtype: DType, size: number): TensorArray {
  let a = take(dtype, size);
  if (a === undefined) {
    a = fresh(dtype, size);
    if (pool.poison) a.fill(poisonValue(a));
  }
  if (a.byteLength >= pool.minBytes) {
    if (pool.capture !== null) pool.capture.add(a);
    else owned.add(a);
  }
  return a;
}

/** @internal A zero-filled typed array of `dtype` holding `size` elements (reused from the pool when one is free). */
export function allocZeroed(dtype: DType, size: number): TensorArray {
  let a = take(dtype, size);
  if (a === undefined) a = fresh(dtype, size);
  else a.fill(0);
  if (a.byteLength >= pool.minBytes) {
    if (pool.capture !== null) pool.capture.add(a);
    else owned.add(a);
  }
  return a;
}

/**
 * @internal Gives the buffer of a disposed tensor back to the pool when that tensor alone held it (else nothing):
 * returns whether it did.
 */
export function releaseOwned(a: TensorArray): boolean {
  if (!owned.has(a)) return false;
  releaseBuffer(a);
  return true;
}

/**
 * @internal Gives `a` back to the pool. The caller guarantees that nothing references it any more (no tensor, no
 * closure, no user code). Buffers below the size floor, or that would pass the cap, are dropped.
 */
export function releaseBuffer(a: TensorArray): void {
  owned.delete(a);
  const bytes = a.byteLength;
  if (bytes < pool.minBytes || a.byteOffset !== 0 || a.buffer.byteLength !== bytes) return;
  if (pool.bytes + bytes > pool.maxBytes) {
    pool.dropped++;
    return;
  }
  const map = (
    a instanceof Float32Array
      ? pool.free.float32
      : a instanceof Float64Array
        ? pool.free.float64
        : pool.free.int32
  ) as Map<number, TensorArray[]>;
  let list = map.get(a.length);
  if (list === undefined) {
    list = [];
    map.set(a.length, list);
  }
  if (pool.poison) {
    if (list.includes(a))
      throw new Error('@dl/tensor internal error: a buffer was released to the pool twice');
    a.fill(poisonValue(a));
  }
  list.push(a);
  pool.bytes += bytes;
  pool.released++;
}

/** @internal Empties the free lists (the garbage collector takes the buffers). */
export function clearPool(): void {
  pool.free.float32.clear();
  pool.free.float64.clear();
  pool.free.int32.clear();
  pool.bytes = 0;
}

/** @internal Drops free buffers until the pool holds at most `maxBytes`. */
export function trimPool(maxBytes: number): void {
  for (const map of [pool.free.float64, pool.free.float32, pool.free.int32] as Map<number, TensorArray[]>[]) {
    for (const [n, list] of map) {
      while (pool.bytes > maxBytes && list.length > 0) pool.bytes -= list.pop()!.byteLength;
      if (list.length === 0) map.delete(n);
    }
  }
}
