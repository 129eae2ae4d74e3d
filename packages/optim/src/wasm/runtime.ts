// Loads @dl/optim's own WebAssembly kernels (src/wasm/kernelsWasm.ts) once, on first use (through the shared loader of @dl/internal), and
// gives out kernel memories ("arenas"). Where WebAssembly or SIMD is unavailable (or a Content Security Policy
// forbids compiling it) the JavaScript loops run.
//
// An arena is one WebAssembly memory with its own instance of the kernels: a scratch area of five blocks (the
// parameter, the gradient and up to three state arrays of one chunk), the kernels' scalars, then resident float32
// arrays. The
// optimizer facade sizes an arena once for all the float32 state of its parameters, so that state never moves:
// each step copies only the parameters and gradients through the scratch blocks. The arena never grows (growing
// would detach the views that hold the state), so its views stay valid for the optimizer's life.
import { compileWasm, type WebAssemblyApi, webAssembly } from '@dl/internal';
import { OPTIM_WASM } from './kernelsWasm';

/** Which kernels the named optimizers use: `'auto'` (WebAssembly when it loads, for arrays of {@link SMALLEST} elements or more), `'js'`, `'wasm'`. */
export type OptimBackend = 'auto' | 'js' | 'wasm';

/**
 * Under `'auto'`, arrays shorter than this run the JavaScript loop: the WebAssembly kernel costs as much from
 * about 16 elements on (a call is about 0.5 µs; adamw's loop about 25 ns an element), and was 10x faster at 1024.
 */
export const SMALLEST = 16;
/** Elements per streamed chunk (128 KB of float32: the scratch blocks of a chunk stay in the second-level cache; 4x the calls of 8K elements cost 8-14% more time at 10M, 64K elements gain nothing more). */
export const CHUNK = 32768;
const SCRATCH = 5;
/**
 * Where the scratch blocks sit relative to 4 KB pages: 2 KB past a page boundary, one block every 128 KB + 4 KB.
 * Large JavaScript typed arrays start 16 bytes past a page (glibc's mmap'ed chunks), and glibc's `memcpy` of
 * 2 KB and more (`rep movsb`, which `Float32Array.prototype.set` reaches) runs about 25 times slower on AMD Zen 3
 * when the destination is 4-28 bytes past the source modulo 4 KB: page-aligned blocks made every copy of a
 * parameter back out of its block (a 16-byte distance) that slow, 37.6 against 25.4 ms for adamw at 10M
 * parameters (bench: `GLIBC_TUNABLES=glibc.cpu.x86_rep_movsb_threshold=0x10000000`, which turns `rep movsb`
 * off, 2026-12-02). 2 KB off the page keeps both directions of the copies away from that window.
 */
const SKEW = 2048;
/** Bytes from one scratch block to the next (a whole number of pages plus the block, see {@link SKEW}). */
const STRIDE = CHUNK * 4 + 4096;
/**
 * Byte offset of the kernels' scalars after the scratch blocks (see stream.ts): 16 float32, then 16 float64
 * scalars and 8 float64 accumulators (the norms passes' per-lane sums) at {@link ARGS64_AT}.
 */
export const ARGS_AT = SCRATCH * STRIDE;
/** Byte offset of the float64 scalars and accumulators. */
export const ARGS64_AT = ARGS_AT + 64;
const RESIDENT_AT = ARGS_AT + 256;

type Kernel = (...args: number[]) => number | undefined;

/** One kernel memory: its kernels, a float32 view of it, the scratch blocks and the resident arrays after them. */
export interface Arena {
  /** The kernels by export name (`adam_decoupled`, `sgd_later_nesterov`, …). */
  readonly kernels: Readonly<Record<string, Kernel>>;
  /** Other modules' kernels (`adagrad`, `rmsprop`, …), instantiated over the same memory when first used. */
  readonly others: Map<KernelModule, Readonly<Record<string, Kernel>> | null>;
  /** The WebAssembly memory. */
  readonly memory: object;
  /** The whole memory as float32. */
  readonly f32: Float32Array;
  /** The whole memory as float64. */
  readonly f64: Float64Array;
  /** The memory's buffer (resident arrays are views of it). */
  readonly buffer: ArrayBuffer;
  /** Byte offset of the next free resident float32 (16-byte aligned). */
  top: number;
  /** Byte offset just past the end of the memory's usable part. */
  readonly end: number;
  /** Cached views of scratch block `k` of `len` elements (the sources of the copies out). */
  readonly views: Map<number, Float32Array>;
}

let backend: OptimBackend = 'auto';
let resident = true;
let compiled: { W: WebAssemblyApi; module: object } | null | undefined;

/**
 * A further kernel module (the other optimizers' kernels), compiled when first used. A separate module, so that a
 * bundle with adam alone does not carry it.
 */
export interface KernelModule {
  readonly bytes: string;
  compiled?: object | null;
}
let shared: Arena | null = null;

/** @internal Sets the backend (tests run both); returns the previous one. */
export function setOptimBackend(b: OptimBackend): OptimBackend {
  const prev = backend;
  backend = b;
  return prev;
}

/** @internal Turns resident state off (tests run the streamed path too); returns the previous setting. */
export function setResidentState(on: boolean): boolean {
  const prev = resident;
  resident = on;
  return prev;
}

/**
 * The kernel memory of one optimizer: room for `floats` resident float32 values, when its largest float32
 * array (`largest` elements) is one the kernels run on; null otherwise (the state then lives in plain arrays).
 */
export function optimizerArena(floats: number, largest: number): Arena | null {
  if (!resident || floats === 0 || backend === 'js' || (backend === 'auto' && largest < SMALLEST))
    return null;
  return createArena(floats);
}

function compile(): { W: WebAssemblyApi; module: object } | null {
  if (compiled !== undefined) return compiled;
  const W = webAssembly();
  // where synchronous compilation is refused, the module arrives later: optimizers made after that use it
  const module = compileWasm(OPTIM_WASM, (m) => {
    if (W) compiled = { W, module: m };
  });
  compiled = W && module ? { W, module } : null;
  return compiled;
}

/**
 * The kernels of the main module (null: adam, sgd) or of `module` in `arena`, or null when they cannot load. A
 * small function that the engine inlines into the streaming loop: the loading is {@link loadKernels}, apart (a
 * call of this function left out of line cost ~40 B of allocation per step at 1M parameters, an interrupt
 * handled at its entry after the long kernel loop).
 */
export function kernelsOf(
  arena: Arena,
  module: KernelModule | null,
): Readonly<Record<string, Kernel>> | null {
  if (module === null) return arena.kernels;
  const k = arena.others.get(module);
  return k !== undefined ? k : loadKernels(arena, module);
}

/** Instantiates `module` over the memory of `arena` (compiling it first), once: see {@link kernelsOf}. */
function loadKernels(arena: Arena, module: KernelModule): Readonly<Record<string, Kernel>> | null {
  let k: Readonly<Record<string, Kernel>> | null;
  if (module.compiled === undefined) {
    // null while it compiles in the background (where synchronous compilation is refused)
    module.compiled = compileWasm(module.bytes, (m) => {
      module.compiled = m;
    });
  }
  if (module.compiled === null) return null;
  const W = compile()?.W;
  if (!W) return null;
  try {
    k = new W.Instance(module.compiled, { env: { memory: arena.memory } }).exports as Record<string, Kernel>;
  } catch {
    k = null;
  }
  arena.others.set(module, k);
  return k;
}

/** Byte offset of scratch block `k`. */
export const scratch = (k: number): number => k * STRIDE + SKEW;

/**
 * A new kernel memory with room for `floats` resident float32 values (each array padded to a multiple of four),
 * or null when WebAssembly is off or unavailable, or the memory cannot be had (the caller then uses plain arrays).
 */
export function createArena(floats: number): Arena | null {
  if (backend === 'js') return null;
  const c = compile();
  if (!c) return null;
  const bytes = RESIDENT_AT + floats * 4;
  const pages = Math.ceil(bytes / 65536);
  if (pages > 65536) return null;
  try {
    const memory = new c.W.Memory({ initial: Math.max(pages, 1) });
    const instance = new c.W.Instance(c.module, { env: { memory } });
    const buffer = memory.buffer;
    return {
      kernels: instance.exports as Record<string, Kernel>,
      others: new Map(),
      memory,
      f32: new Float32Array(buffer),
      f64: new Float64Array(buffer),
      buffer,
      top: RESIDENT_AT,
      end: bytes,
      views: new Map(),
    };
  } catch {
    return null;
  }
}

/** Floats an array of `n` elements takes in an arena (padded to 16 bytes). */
export const arenaSize = (n: number): number => (n + 3) & ~3;

/**
 * The arrays {@link allocate} gave out: only these are read and written in place by the kernels (a subarray of
 * one, or any other view of the memory, is copied through the scratch blocks: its padding lanes, up to the next
 * multiple of four, may belong to another array).
 */
const allocated = new WeakSet<Float32Array>();

/** A resident float32 array of `n` elements in the arena, or undefined when it is full. */
export function allocate(arena: Arena, n: number): Float32Array | undefined {
  const bytes = arenaSize(n) * 4;
  if (arena.top + bytes > arena.end) return undefined;
  const a = new Float32Array(arena.buffer, arena.top, n);
  arena.top += bytes;
  allocated.add(a);
  return a;
}

/**
 * The arena the kernels run in for an array of `n` elements: `own` (the optimizer's) when there is one, else a
 * shared scratch-only arena; null for the JavaScript loop (backend `'js'`, small arrays under `'auto'`, no
 * WebAssembly).
 */
export function arenaFor(n: number, own: Arena | null | undefined): Arena | null {
  if (backend === 'js' || (backend === 'auto' && n < SMALLEST)) return null;
  if (own) return own;
  if (!shared) shared = createArena(0);
  if (!shared && backend === 'wasm')
    throw new Error('@dl/optim: the WebAssembly kernels could not be loaded');
  return shared;
}

/** The byte offset of `a` when it is an array {@link allocate} gave out in the arena, else -1. */
export const residentAt = (arena: Arena, a: Float32Array): number =>
  a.buffer === arena.buffer && allocated.has(a) ? a.byteOffset : -1;

const chunkCache = new WeakMap<Float32Array, Float32Array[]>();

/** The chunks of `a` as views (made once per array: no allocation when the same array comes back). */
export function chunksOf(a: Float32Array): Float32Array[] {
  let c = chunkCache.get(a);
  if (c === undefined || c.length !== Math.ceil(a.length / CHUNK)) {
    c = [];
    for (let off = 0; off < a.length; off += CHUNK) c.push(a.subarray(off, Math.min(off + CHUNK, a.length)));
    chunkCache.set(a, c);
  }
  return c;
}

/** A view of the first `len` elements of scratch block `k` (cached). */
export function scratchView(arena: Arena, k: number, len: number): Float32Array {
  const key = k * (CHUNK + 1) + len;
  let v = arena.views.get(key);
  if (v === undefined) {
    v = arena.f32.subarray(scratch(k) / 4, scratch(k) / 4 + len);
    arena.views.set(key, v);
  }
  return v;
}

/**
 * Where chunk `c` (elements `off … off + len`) of a state array is for the kernel: its own place when resident
 * (`at` ≥ 0), else scratch block `k`, filled from the array.
 */
export function stateIn(
  arena: Arena,
  a: Float32Array,
  at: number,
  c: number,
  off: number,
  k: number,
): number {
  if (at >= 0) return at + off * 4;
  const x = a.length > CHUNK ? chunksOf(a)[c]! : a;
  const at32 = scratch(k) / 4;
  arena.f32.set(x, at32);
  // the lanes past the end are zeros (the norms passes sum every lane of the last four)
  const len = x.length;
  if (len & 3) arena.f32.fill(0, at32 + len, at32 + ((len + 3) & ~3));
  return scratch(k);
}

/** Copies scratch block `k` back into a state array that is not resident. */
export function stateOut(
  arena: Arena,
  a: Float32Array,
  at: number,
  off: number,
  len: number,
  k: number,
): void {
  if (at < 0) a.set(scratchView(arena, k, len), off);
}

/**
 * Whether every value of `a` is finite, checked in WebAssembly chunk by chunk; undefined when the JavaScript check
 * should run instead (small arrays, backend `'js'`, no WebAssembly).
 */
export function allFiniteWasm(a: Float32Array, own: Arena | null | undefined): boolean | undefined {
  const w = arenaFor(a.length, own);
  if (!w) return undefined;
  const finite = w.kernels['finite']!;
  // a gradient resident in the memory (createKernelMemory) is read where it is
  const at = residentAt(w, a);
  if (at >= 0) return finite(at, a.length) === 1;
  if (a.length <= CHUNK) {
    w.f32.set(a, scratch(1) / 4);
    return finite(scratch(1), a.length) === 1;
  }
  const chunks = chunksOf(a);
  // last chunk first: the step that follows reads the array from the start, which is then the freshest in cache
  for (let c = chunks.length - 1; c >= 0; c--) {
    const x = chunks[c]!;
    w.f32.set(x, scratch(1) / 4);
    if (!finite(scratch(1), x.length)) return false;
  }
  return true;
}
