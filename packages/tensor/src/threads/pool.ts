import { compileWasm, webAssembly } from '@dl/internal';
import { MATMUL_SHARED_WASM } from '../wasm/matmulSharedWasm';
import {
  BLOCK,
  CTL_BYTES,
  CTL_WORDS,
  DONE,
  FAIL,
  FAULT,
  GEN,
  MAX_BLOCKS,
  NEXT,
  PACK_COLS,
  PACK_DONE,
  PACK_NEXT,
  PROBE,
  QUIT,
  READY,
  TASK,
  TASK_CHUNKS,
  TASK_GEN,
  TASK_WORDS,
} from './control';
import { workerSource } from './workerSource';

/** The exports of the shared-memory matmul module (scripts/build-wasm.mjs). */
interface SharedKernels {
  packB(src: number, bp: number, K: number, N: number, sk: number, sn: number): void;
  gemm(
    src: number,
    sm: number,
    sk: number,
    ap: number,
    bp: number,
    c: number,
    mb: number,
    K: number,
    NP: number,
    ldc: number,
  ): void;
}

/** What the pool needs of a Node `worker_threads` Worker or a browser Worker. */
interface WorkerHandle {
  postMessage(message: unknown): void;
  terminate(): unknown;
}

interface SharedMemory {
  readonly buffer: SharedArrayBuffer;
  grow(pages: number): number;
}

interface NodeWorkerThreads {
  Worker: new (
    source: string,
    options: { eval: true },
  ) => WorkerHandle & {
    unref(): void;
    on(event: string, listener: (value: unknown) => void): void;
  };
}

/** Largest shared memory the pool uses (bytes): larger products run on the calling thread. */
const MAX_BYTES = 1 << 30;
const PAGE = 65536;
const up16 = (n: number) => (n + 15) & ~15;

/** Node's `worker_threads`, through `process.getBuiltinModule` (Node ≥ 20.16), or undefined elsewhere. */
function nodeWorkerThreads(): NodeWorkerThreads | undefined {
  const p = (globalThis as { process?: { getBuiltinModule?: (name: string) => unknown } }).process;
  if (typeof p?.getBuiltinModule !== 'function') return undefined;
  try {
    return p.getBuiltinModule('node:worker_threads') as NodeWorkerThreads;
  } catch {
    return undefined;
  }
}

interface BrowserGlobals {
  crossOriginIsolated?: boolean;
  Worker?: new (url: string) => WorkerHandle & { onmessage: ((e: { data: unknown }) => void) | null };
  Blob?: new (parts: string[], options: { type: string }) => object;
  URL?: { createObjectURL(blob: object): string; revokeObjectURL(url: string): void };
}

/**
 * @internal A pool of `n - 1` workers sharing one WebAssembly memory with the calling thread, which splits each
 * float32 product into blocks of rows. The calling thread copies B in and wakes the workers, which start packing
 * B's panels (in chunks that every thread claims) while it copies A in and then packs what is left; then every
 * thread (itself included) claims blocks of rows one at a time, packs their rows of A and multiplies them by the
 * packed B (the single-thread kernel's loop, so each element is the same float32 sum in the same order). The
 * calling thread copies each block of C out as soon as it is done (its own at once, the workers' between its
 * blocks and while it waits), so that only the last blocks are copied after the others have finished.
 */
export class MatmulPool {
  readonly n: number;
  /** Resolves once every worker has instantiated the module (or failed to). */
  readonly ready: Promise<void>;
  private readonly memory: SharedMemory;
  private readonly k: SharedKernels;
  private readonly ctl: Int32Array;
  private f32: Float32Array;
  private readonly workers: WorkerHandle[] = [];
  private readonly canBlock: boolean;
  private gen = 0;
  /** Per block of rows: the generation whose C rows were copied out. */
  private readonly copied = new Int32Array(MAX_BLOCKS);
  /** Products handed out to workers so far (tests check that the workers took part). */
  products = 0;
  /** Products whose B this thread packed again after a worker failed while packing (tests). */
  repacked = 0;
  /** Blocks of rows this thread computed after a worker left them undone (tests). */
  recomputed = 0;

  /** Throws when this engine cannot run threads (see {@link MatmulPool.create}). */
  private constructor(n: number, module: object, memory: SharedMemory, k: SharedKernels) {
    this.n = n;
    this.memory = memory;
    this.k = k;
    this.ctl = new Int32Array(memory.buffer, 0, CTL_WORDS);
    this.f32 = new Float32Array(memory.buffer);
    this.canBlock = probeBlocking(this.ctl);
    const waits: Promise<void>[] = [];
    const node = nodeWorkerThreads();
    const g = globalThis as BrowserGlobals;
    for (let id = 1; id < n; id++) {
      const message = { module, memory, id };
      if (node !== undefined) {
        const w = new node.Worker(workerSource(), { eval: true });
        waits.push(
          new Promise((resolve) => {
            w.on('message', () => resolve());
            w.on('error', () => {
              Atomics.store(this.ctl, READY + id, -1);
              resolve();
            });
            w.on('exit', () => {
              Atomics.store(this.ctl, READY + id, -1);
              resolve();
            });
          }),
        );
        // workers never keep the process alive (unref after the listeners: adding one refs the worker again)
        w.unref();
        w.postMessage(message);
        this.workers.push(w);
      } else {
        const url = g.URL!.createObjectURL(new g.Blob!([workerSource()], { type: 'text/javascript' }));
        const w = new g.Worker!(url);
        waits.push(
          new Promise((resolve) => {
            w.onmessage = () => {
              g.URL!.revokeObjectURL(url);
              resolve();
            };
          }),
        );
        w.postMessage(message);
        this.workers.push(w);
      }
    }
    this.ready = Promise.all(waits).then(() => {});
  }

  /**
   * A pool of `n` threads, or null where this engine cannot run them: no shared WebAssembly memory (browsers
   * allow it only on cross-origin isolated pages), no workers, or no WebAssembly SIMD.
   */
  static create(n: number): MatmulPool | null {
    const W = webAssembly() as unknown as
      | {
          Memory: new (d: { initial: number; maximum: number; shared: boolean }) => SharedMemory;
          Instance: new (m: object, i: object) => { exports: unknown };
        }
      | undefined;
    if (W === undefined || typeof SharedArrayBuffer !== 'function' || typeof Atomics !== 'object')
      return null;
    const g = globalThis as BrowserGlobals;
    const browser = g.crossOriginIsolated === true && typeof g.Worker === 'function' && g.Blob && g.URL;
    if (nodeWorkerThreads() === undefined && !browser) return null;
    const module = compileWasm(MATMUL_SHARED_WASM);
    if (module === null) return null;
    try {
      const memory = new W.Memory({ initial: 16, maximum: MAX_BYTES / PAGE, shared: true });
      const k = new W.Instance(module, { env: { memory } }).exports as SharedKernels;
      return new MatmulPool(n, module, memory, k);
    } catch {
      return null;
    }
  }

  /** Test hook: see {@link FAULT} (0 turns it off). */
  fault(code: number): void {
    Atomics.store(this.ctl, FAULT, code);
  }

  /** Stops the workers (they return from their wait, then are terminated). */
  close(): void {
    Atomics.store(this.ctl, QUIT, 1);
    Atomics.add(this.ctl, GEN, 1);
    Atomics.notify(this.ctl, GEN);
    for (const w of this.workers) w.terminate();
    this.workers.length = 0;
  }

  /** Whether a worker taking part in product `gen` failed in it or stopped. */
  private lost(parts: number[], gen: number): boolean {
    for (let t = 1; t < parts.length; t++) {
      const w = parts[t]!;
      if (Atomics.load(this.ctl, READY + w) !== 1 || Atomics.load(this.ctl, FAIL + w) === gen) return true;
    }
    return false;
  }

  /** Grows the shared memory to `bytes`; false when it cannot. */
  private reserve(bytes: number): boolean {
    const have = this.memory.buffer.byteLength;
    if (bytes > have) {
      if (bytes > MAX_BYTES) return false;
      try {
        this.memory.grow(Math.ceil((bytes - have) / PAGE));
      } catch {
        return false;
      }
    }
    if (this.f32.buffer.byteLength < bytes) this.f32 = new Float32Array(this.memory.buffer);
    return true;
  }

  /** See {@link ParallelMatmul}. */
  readonly run = (
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
  ): boolean => {
    const { ctl, k } = this;
    const M4 = (M + 3) & ~3;
    const N8 = (N + 7) & ~7;
    // the threads that take part: this one and every ready worker, at most one per 4 rows
    const parts = [0];
    for (let w = 1; w < this.n && parts.length < M4 >> 2; w++)
      if (Atomics.load(ctl, READY + w) === 1) parts.push(w);
    if (parts.length < 2) return false;
    // Blocks of rows (a multiple of 4, at most 64, about four per thread) that the threads claim one at a time, so
    // that a thread slowed down by other work on its core takes fewer of them.
    let rows = Math.min(64, Math.max(4, Math.ceil(M4 / parts.length / 16) * 4));
    if (Math.ceil(M / rows) > MAX_BLOCKS) rows = Math.ceil(M / MAX_BLOCKS / 4) * 4;
    // The last rows (about one block per thread) go in blocks a quarter as tall, so that the threads finish close
    // together: with blocks of one size, the thread that finds none left waits for up to a whole block of the
    // other (on two threads at 1024, one thread often ran 9 or 10 of the 16 blocks).
    let small = Math.max(4, (rows >> 2) & ~3);
    const big = Math.max(0, Math.floor((M - parts.length * rows) / rows));
    let blocks = big + Math.ceil((M - big * rows) / small);
    if (blocks > MAX_BLOCKS) {
      small = rows;
      blocks = big + Math.ceil((M - big * rows) / small);
    }
    /** The first row of block `q`. */
    const first = (q: number) => (q < big ? q * rows : big * rows + (q - big) * small);
    /** The rows of block `q`. */
    const height = (q: number) => Math.min(q < big ? rows : small, M - first(q));
    const rawA = CTL_BYTES;
    const rawB = up16(rawA + M * K * 4);
    const bp = up16(rawB + K * N * 4);
    const cp = up16(bp + K * N8 * 4);
    const ap = up16(cp + M4 * N8 * 4);
    const apBytes = rows * K * 4; // each thread's A panels (one block at a time)
    if (!this.reserve(ap + this.n * apBytes)) return false;
    const f32 = this.f32;
    f32.set(b.subarray(bOff, bOff + K * N), rawB >> 2);
    // op(B)'s element (k, j) at rawB + (k bk + j bn) 4; op(A)'s row i at rawA + i step: A stored [M, K] (row
    // stride K) or, transposed, [K, M] (stride 1)
    const bk = transB ? 1 : N;
    const bn = transB ? K : 1;
    const chunks = Math.ceil(N / PACK_COLS);
    const step = transA ? 4 : K * 4;
    const sm = transA ? 1 : K;
    const sk = transA ? M : 1;
    const gen = this.gen + 1;
    this.gen = gen;
    this.products++;
    ctl[NEXT] = 0;
    ctl[PACK_NEXT] = 0;
    ctl[PACK_DONE] = 0;
    for (let t = 1; t < parts.length; t++) {
      const w = parts[t]!;
      const o = TASK + w * TASK_WORDS;
      ctl[o] = rawA;
      ctl[o + 1] = step;
      ctl[o + 2] = sm;
      ctl[o + 3] = sk;
      ctl[o + 4] = ap + w * apBytes;
      ctl[o + 5] = bp;
      ctl[o + 6] = cp;
      ctl[o + 7] = M;
      ctl[o + 8] = K;
      ctl[o + 9] = N8 >> 3;
      ctl[o + 10] = N8;
      ctl[o + 11] = rows;
      ctl[o + 12] = blocks;
      ctl[o + 13] = rawB;
      ctl[o + 14] = bk;
      ctl[o + 15] = bn;
      ctl[o + 16] = N;
      ctl[o + TASK_CHUNKS] = chunks;
      ctl[o + 18] = big;
      ctl[o + 19] = small;
      Atomics.store(ctl, o + TASK_GEN, gen);
    }
    Atomics.store(ctl, GEN, gen);
    Atomics.notify(ctl, GEN);
    // the workers pack B while this thread copies A in (one more part of the preparation), then packs with them
    f32.set(a.subarray(aOff, aOff + M * K), rawA >> 2);
    const pack = (q: number) => {
      const j0 = q * PACK_COLS;
      k.packB(rawB + j0 * bn * 4, bp + j0 * K * 4, K, Math.min(PACK_COLS, N - j0), bk, bn);
    };
    if (Atomics.add(ctl, PACK_DONE, 1) === chunks) Atomics.notify(ctl, PACK_DONE);
    // test hook (FAULT): leave the work to the workers until one of them has failed, so that tests reach the
    // recovery below whatever the load
    if (ctl[FAULT] !== 0)
      while (!this.lost(parts, gen)) if (this.canBlock) Atomics.wait(ctl, PACK_DONE, ctl[PACK_DONE]!, 5);
    for (let q = Atomics.add(ctl, PACK_NEXT, 1); q < chunks; q = Atomics.add(ctl, PACK_NEXT, 1)) {
      pack(q);
      if (Atomics.add(ctl, PACK_DONE, 1) === chunks) Atomics.notify(ctl, PACK_DONE);
    }
    // chunks that workers claimed: wait for them, unless a worker that took part failed or stopped (it may have
    // left its chunk half done: this thread then packs every chunk again, the same values, and releases the rest)
    for (let v = Atomics.load(ctl, PACK_DONE); v <= chunks; v = Atomics.load(ctl, PACK_DONE)) {
      if (this.lost(parts, gen)) {
        for (let q = 0; q < chunks; q++) pack(q);
        this.repacked++;
        Atomics.store(ctl, PACK_DONE, chunks + 1);
        Atomics.notify(ctl, PACK_DONE);
        break;
      }
      if (this.canBlock) Atomics.wait(ctl, PACK_DONE, v, 50);
    }
    // this thread claims blocks like the workers, copying C out block by block (its own, and those the workers
    // finished meanwhile), then waits for those that took part
    const { copied } = this;
    const c0 = cp >> 2;
    const block = (q: number) => {
      const i0 = first(q);
      k.gemm(rawA + i0 * step, sm, sk, ap, bp, cp + i0 * N8 * 4, height(q), K, N8 >> 3, N8);
    };
    const copyOut = (q: number) => {
      const i0 = first(q);
      const i1 = i0 + height(q);
      if (N8 === N) c.set(f32.subarray(c0 + i0 * N, c0 + i1 * N), cOff + i0 * N);
      else for (let i = i0; i < i1; i++) c.set(f32.subarray(c0 + i * N8, c0 + i * N8 + N), cOff + i * N);
      copied[q] = gen;
    };
    let scan = 0; // blocks before `scan` are copied out
    const copyDone = () => {
      while (scan < blocks && (copied[scan] === gen || Atomics.load(ctl, BLOCK + scan) === gen)) {
        if (copied[scan] !== gen) copyOut(scan);
        scan++;
      }
    };
    for (let q = Atomics.add(ctl, NEXT, 1); q < blocks; q = Atomics.add(ctl, NEXT, 1)) {
      block(q);
      ctl[BLOCK + q] = gen;
      copyOut(q);
      copyDone();
    }
    for (let t = 1; t < parts.length; t++) {
      const w = parts[t]!;
      for (let v = Atomics.load(ctl, DONE + w); v !== gen; v = Atomics.load(ctl, DONE + w)) {
        // Node and workers sleep; a browser's main thread may not, so it polls (its own rows took as long)
        if (Atomics.load(ctl, READY + w) !== 1) break;
        copyDone();
        if (this.canBlock) Atomics.wait(ctl, DONE + w, v, scan < blocks ? 1 : 50);
      }
    }
    // blocks a worker left undone (its call threw, or it stopped): computed here; then the rest of C copied out
    for (let q = 0; q < blocks; q++) {
      if (Atomics.load(ctl, BLOCK + q) !== gen) {
        block(q);
        this.recomputed++;
        copyOut(q);
      } else if (copied[q] !== gen) copyOut(q);
    }
    return true;
  };
}

/** Whether this thread may block in `Atomics.wait` (a browser's main thread may not). */
function probeBlocking(ctl: Int32Array): boolean {
  try {
    // the word is 0, so this returns 'not-equal' at once where waiting is allowed, and throws where it is not
    Atomics.wait(ctl, PROBE, 1, 0);
    return true;
  } catch {
    return false;
  }
}
