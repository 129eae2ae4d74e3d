import { compileWasm, webAssembly } from '@dl/internal';
import { MATMUL_SHARED_WASM_BASE64 } from '../wasm/matmulSharedWasm';
import { CTL_BYTES, CTL_WORDS, DONE, FAIL, GEN, PROBE, QUIT, READY, TASK, TASK_WORDS } from './control';
import { WORKER_SOURCE } from './workerSource';

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
 * float32 product into row blocks: it copies the operands in and packs B, every thread (itself included) packs
 * its rows of A and multiplies them by the packed B (the single-thread kernel's loop, so each element is the same
 * float32 sum in the same order), and it copies C out once all are done.
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
  /** Products handed out to workers so far (tests check that the workers took part). */
  products = 0;

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
        const w = new node.Worker(WORKER_SOURCE, { eval: true });
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
        const url = g.URL!.createObjectURL(new g.Blob!([WORKER_SOURCE], { type: 'text/javascript' }));
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
    const module = compileWasm(MATMUL_SHARED_WASM_BASE64);
    if (module === null) return null;
    try {
      const memory = new W.Memory({ initial: 16, maximum: MAX_BYTES / PAGE, shared: true });
      const k = new W.Instance(module, { env: { memory } }).exports as SharedKernels;
      return new MatmulPool(n, module, memory, k);
    } catch {
      return null;
    }
  }

  /** Stops the workers (they return from their wait, then are terminated). */
  close(): void {
    Atomics.store(this.ctl, QUIT, 1);
    Atomics.add(this.ctl, GEN, 1);
    Atomics.notify(this.ctl, GEN);
    for (const w of this.workers) w.terminate();
    this.workers.length = 0;
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
    // rows per thread, a multiple of 4; the last threads may have none
    const per = Math.ceil(M4 / parts.length / 4) * 4;
    const T = Math.ceil(M4 / per);
    if (T < 2) return false;
    const rawA = CTL_BYTES;
    const rawB = up16(rawA + M * K * 4);
    const bp = up16(rawB + K * N * 4);
    const cp = up16(bp + K * N8 * 4);
    const ap = up16(cp + M4 * N8 * 4);
    if (!this.reserve(ap + T * per * K * 4)) return false;
    const f32 = this.f32;
    f32.set(a.subarray(aOff, aOff + M * K), rawA >> 2);
    f32.set(b.subarray(bOff, bOff + K * N), rawB >> 2);
    if (transB) k.packB(rawB, bp, K, N, 1, K);
    else k.packB(rawB, bp, K, N, N, 1);
    // rows t*per .. of op(A): A stored [M, K] (row stride K) or, transposed, [K, M] (row stride 1)
    const task = (t: number): number[] => {
      const i0 = t * per;
      return [
        rawA + (transA ? i0 : i0 * K) * 4,
        transA ? 1 : K,
        transA ? M : 1,
        ap + t * per * K * 4,
        bp,
        cp + i0 * N8 * 4,
        Math.min(per, M - i0),
        K,
        N8 >> 3,
        N8,
      ];
    };
    const gen = this.gen + 1;
    this.gen = gen;
    this.products++;
    for (let t = 1; t < T; t++) {
      const o = TASK + parts[t]! * TASK_WORDS;
      const args = task(t);
      for (let i = 0; i < 10; i++) ctl[o + i] = args[i]!;
      Atomics.store(ctl, o + 10, gen);
    }
    Atomics.store(ctl, GEN, gen);
    Atomics.notify(ctl, GEN);
    const own = task(0);
    k.gemm(own[0]!, own[1]!, own[2]!, own[3]!, own[4]!, own[5]!, own[6]!, own[7]!, own[8]!, own[9]!);
    for (let t = 1; t < T; t++) {
      const w = parts[t]!;
      for (let v = Atomics.load(ctl, DONE + w); v !== gen; v = Atomics.load(ctl, DONE + w)) {
        // Node and workers sleep; a browser's main thread may not, so it polls (its own rows took as long)
        if (this.canBlock) Atomics.wait(ctl, DONE + w, v, 50);
        else if (Atomics.load(ctl, READY + w) !== 1) break;
      }
      if (Atomics.load(ctl, FAIL + w) === gen || Atomics.load(ctl, DONE + w) !== gen) {
        const args = task(t);
        k.gemm(
          args[0]!,
          args[1]!,
          args[2]!,
          args[3]!,
          args[4]!,
          args[5]!,
          args[6]!,
          args[7]!,
          args[8]!,
          args[9]!,
        );
      }
    }
    const c0 = cp >> 2;
    if (N8 === N) c.set(f32.subarray(c0, c0 + M * N), cOff);
    else for (let i = 0; i < M; i++) c.set(f32.subarray(c0 + i * N8, c0 + i * N8 + N), cOff + i * N);
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
