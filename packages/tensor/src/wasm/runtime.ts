import { compileWasm, describe, webAssembly } from '@dl/internal';
import { POW2_FRAC } from '../kernels/expF32';
import { KERNELS_WASM } from './kernelsWasm';
import { TAB } from './layout';

/**
 * @internal The exports of the kernel module (see scripts/build-wasm.mjs for what each computes). Pointers are byte
 * offsets into `memory`.
 */
export interface KernelExports {
  memory: { readonly buffer: ArrayBuffer; grow(pages: number): number };
  vv(op: number, x: number, y: number, o: number, n: number): void;
  vs(op: number, x: number, s: number, o: number, n: number, flip: number): void;
  rows(op: number, x: number, row: number, o: number, R: number, C: number, flip: number): void;
  cols(op: number, x: number, s: number, o: number, R: number, C: number, flip: number): void;
  relu(x: number, o: number, n: number): void;
  positive(x: number, o: number, n: number): void;
  sumRows(x: number, o: number, R: number, C: number): void;
  sumCols(x: number, acc: number, R: number, C: number): void;
  extremeRows(x: number, vo: number, io: number, R: number, C: number, min: number): void;
  exp(x: number, o: number, n: number, shift: number, tab: number): void;
  sigmoid(x: number, o: number, n: number): void;
  reluBwd(g: number, x: number, o: number, n: number): void;
  sigmoidBwd(g: number, y: number, o: number, n: number): void;
}

/** @internal The instantiated kernels and float32/float64 views of their memory (renewed when it grows). */
export interface WasmRuntime {
  k: KernelExports;
  f32: Float32Array;
  f64: Float64Array;
}

/** Which kernels run float32 work: see {@link setKernelBackend}. */
export type KernelBackend = 'wasm' | 'js';

let runtime: WasmRuntime | null | undefined;
let enabled = true;
/** Smallest element count sent to the WebAssembly kernels (below it, the call overhead outweighs the gain). */
let threshold = 2048;

function ready(exports: unknown): WasmRuntime {
  const k = exports as KernelExports;
  const rt = { k, f32: new Float32Array(k.memory.buffer), f64: new Float64Array(k.memory.buffer) };
  rt.f64.set(POW2_FRAC, TAB >> 3);
  return rt;
}

/**
 * @internal Compiles and instantiates a kernel module (its bytes as a string, no imports) synchronously. Returns its exports, or
 * null when this engine has no WebAssembly SIMD (or WebAssembly is not allowed here), or refuses synchronous
 * compilation: then the module is compiled in the background and `later` receives its exports.
 */
export function instantiateKernels(bytes: string, later: (exports: unknown) => void): unknown {
  // the shared loader of @dl/internal: decoding, SIMD check, background compilation where synchronous is refused
  const W = webAssembly();
  const instantiateLater = (module: object) => {
    W!.instantiate(module, {}).then(
      (instance) => later(instance.exports),
      () => {},
    );
  };
  const module = compileWasm(bytes, instantiateLater);
  if (W === undefined || module === null) return null;
  try {
    return new W.Instance(module, {}).exports;
  } catch {
    // some engines refuse synchronous instantiation too: instantiate in the background
    instantiateLater(module);
    return null;
  }
}

/** @internal A kernel module's exports and float32, float64 and int32 views of its memory (which never grows). */
export interface ModuleRuntime<K> {
  k: K;
  f32: Float32Array;
  f64: Float64Array;
  i32: Int32Array;
}

/**
 * @internal The loader of a kernel module of its own (its bytes as a string, no imports, a memory that never grows): a function
 * that instantiates it on its first call (see {@link instantiateKernels}) and returns its runtime, or null where
 * this engine cannot run it (then the caller runs the JavaScript kernel; a module compiled in the background is
 * used from the call after it is ready). Callers check {@link wasmFor} / {@link wasmForCompute} first. Declared at
 * the top level of each module's file with `/* @__PURE__ *\/`, so bundles that never call it drop the module.
 */
export function kernelModule<K extends { memory: { readonly buffer: ArrayBuffer } }>(
  bytes: string,
): () => ModuleRuntime<K> | null {
  let rt: ModuleRuntime<K> | null | undefined;
  const ready = (exports: unknown): ModuleRuntime<K> => {
    const k = exports as K;
    const b = k.memory.buffer;
    return { k, f32: new Float32Array(b), f64: new Float64Array(b), i32: new Int32Array(b) };
  };
  return () => {
    if (rt === undefined) {
      const exports = instantiateKernels(bytes, (e) => {
        if (rt === null) rt = ready(e);
      });
      rt = exports === null ? null : ready(exports);
    }
    return rt;
  };
}

function instantiate(): WasmRuntime | null {
  const exports = instantiateKernels(KERNELS_WASM, (e) => {
    if (runtime === null) runtime = ready(e);
  });
  return exports === null ? null : ready(exports);
}
/**
 * @internal The WebAssembly kernels when they are enabled and this engine runs them (instantiated on first use),
 * else null.
 */
export function wasmRuntime(): WasmRuntime | null {
  if (!enabled) return null;
  if (runtime === undefined) runtime = instantiate();
  return runtime;
}

/** @internal {@link wasmRuntime} for work of `n` elements: null below the size threshold. */
export function wasmFor(n: number): WasmRuntime | null {
  return n >= threshold ? wasmRuntime() : null;
}

/**
 * @internal {@link wasmRuntime} for compute-bound float32 work of `n` elements (the exponentials of the activation
 * and softmax kernels, whose JavaScript emulation costs 5-7x the WebAssembly call even on a few hundred elements):
 * from 64 elements, or the size threshold when it is lower (tests set it to 0).
 */
export function wasmForCompute(n: number): WasmRuntime | null {
  return n >= Math.min(threshold, 64) ? wasmRuntime() : null;
}

/**
 * @internal Makes the kernel memory at least `bytes` long, renewing the views. Returns false when it cannot grow
 * (the caller then runs the JavaScript kernel).
 */
export function reserve(rt: WasmRuntime, bytes: number): boolean {
  const have = rt.k.memory.buffer.byteLength;
  if (bytes <= have) return true;
  try {
    rt.k.memory.grow(Math.ceil((bytes - have) / 65536));
  } catch {
    return false;
  }
  rt.f32 = new Float32Array(rt.k.memory.buffer);
  rt.f64 = new Float64Array(rt.k.memory.buffer);
  return true;
}

/** @internal Sets the smallest element count sent to the WebAssembly kernels (tests use 0); returns the old one. */
export function setWasmThreshold(n: number): number {
  const old = threshold;
  threshold = n;
  return old;
}

/**
 * Chooses the kernels that run float32 work.
 *
 * `'wasm'` (the default) runs large float32 work in WebAssembly SIMD kernels (128-bit lanes) bundled with the
 * package: elementwise `add`, `sub`, `mul`, `div` (equal shapes, a scalar, a broadcast row or a broadcast column),
 * `exp`, `relu` and `sigmoid` and their fused gradients, `tanh`, `silu` and `gelu` (both forms) with
 * their fused gradients (a module of 6 KB, in bundles that use them), `log`, `log1p`, `expm1`, `elu`, `selu`,
 * `celu`, `softplus`, `logSigmoid` and `leakyRelu` with the fused gradients of the last six (a module of 7 KB, in
 * bundles that use them; from 64 elements), `sqrt`, `rsqrt`, `abs`, `square`, `reciprocal`, `sign`,
 * `clip`, `hardtanh` and `relu6` (a module of 1 KB, in bundles that use them), `erf`, `erfc` and `mish` with their
 * fused gradients (a module of 4 KB, in bundles that use them; from 64 elements), `sin` and `cos` (a module of 1 KB,
 * from 64 elements), `maximum`, `minimum` and their
 * gradient shares, `greater`, `greaterEqual`, `less`, `lessEqual`, `equal`, `notEqual` (a module of 1 KB) and `where`
 * (a module of 0.3 KB; float32 or int32 condition) on equal shapes or with a one-element operand, the float32 mask
 * and product of `dropout` (from 64 elements), `softmax` / `logSoftmax` along the last axis and their
 * gradients (a module of 4 KB), `softmaxCrossEntropy` forward and backward on float32 logits, four rows at a time
 * (a module of 1.5 KB), `sum` / `mean` (also the mean
 * inside `variance` / `std`) over everything, trailing axes or leading axes, `max` / `min` / `argmax` / `argmin`
 * over everything or trailing axes, `matmul` and `linear` (also inside autograd), the fused `batchNorm` and
 * `layerNorm` (forward and backward; a second module of 4 KB, in bundles that use them; matrix products have their
 * own module of about 2 KB, in bundles that use `matmul` or `linear`). The main module (about 7 KB, no network, no
 * worker) is compiled synchronously on first use (checked in Node 20 and on the main thread of Chromium 156);
 * where an engine refuses that (older Chrome versions did for modules over 4 KB on a page's main thread), it is
 * compiled in the background while the JavaScript kernels run. Tensors stay
 * ordinary `Float32Array`s on the JavaScript heap: each call streams its operands through blocks of WebAssembly
 * memory (128 KB each, so they stay in cache) and copies the result out, so no tensor lives in WebAssembly memory
 * and nothing needs disposing. The kernel memory is 1 MB; the matrix products' memory grows to at most about 49 MB
 * (larger ones are computed in blocks of rows and columns); WebAssembly memory is never released. Work below about 2,000 elements (1,024 multiply-adds for
 * `matmul`, which is compute-bound), float64 and int32 work and every other op run in JavaScript.
 *
 * Both backends compute the same values, bit for bit: float32 `+ − × ÷` are correctly rounded either way; `relu`
 * keeps NaN and maps −0 to +0 in both; exponentials use the same table-driven float64 algorithm (softmax: the same
 * float32 polynomial, emulated with `Math.fround` in JavaScript); comparisons and selections are exact either way; the float32 activations (`sigmoid`, `tanh`,
 * `silu`, `gelu`, and `log`, `log1p`, `expm1`, the elu family, `softplus`, `logSigmoid`, `leakyRelu`, `erf`, `erfc`,
 * `mish`, `sin`, `cos`) and their gradients compute in float32 with the same operations in the same order,
 * emulated with `Math.fround` (their error bounds are on each op); softmax and log-softmax rows
 * compute in float32 throughout (eight float32 partial sums in the same order); other sums use the same
 * eight float64 partial sums in the same order, and column sums run in row order; maxima and
 * minima return the first occurrence, NaN first; batch and layer norm sum each segment four ways in the same order
 * and compute their elementwise results in float64, rounded once; float32 `matmul` sums the float32-rounded products in float32 in
 * order k = 0, 1, … (the JavaScript kernel rounds with `Math.fround` at each step). Engines without
 * WebAssembly SIMD (or pages whose Content Security Policy forbids WebAssembly) use the JavaScript kernels
 * automatically.
 *
 * `'js'` runs everything in JavaScript (useful to compare, or to rule the WebAssembly path out when debugging).
 *
 * @param backend - `'wasm'` or `'js'`.
 * @returns the backend that was selected before the call.
 * @throws TypeError when `backend` is neither.
 * @example
 * ```ts
 * import { getKernelBackend, setKernelBackend } from '@dl/tensor';
 * const before = setKernelBackend('js');
 * getKernelBackend(); // 'js'
 * setKernelBackend(before);
 * ```
 */
export function setKernelBackend(backend: KernelBackend): KernelBackend {
  if (backend !== 'wasm' && backend !== 'js') {
    throw new TypeError(`setKernelBackend: backend must be 'wasm' or 'js', got ${describe(backend)}`);
  }
  const old: KernelBackend = enabled ? 'wasm' : 'js';
  enabled = backend === 'wasm';
  return old;
}

/**
 * The kernels that run float32 work now: `'wasm'` when selected (the default) and this engine runs WebAssembly
 * SIMD, else `'js'`. See {@link setKernelBackend}.
 *
 * @returns `'wasm'` or `'js'`.
 * @example
 * ```ts
 * import { getKernelBackend } from '@dl/tensor';
 * ['wasm', 'js'].includes(getKernelBackend()); // true
 * ```
 */
export function getKernelBackend(): KernelBackend {
  return wasmRuntime() === null ? 'js' : 'wasm';
}
