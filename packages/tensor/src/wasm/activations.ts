import { ACT_KERNELS_WASM_BASE64 } from './actKernelsWasm';
import { BLOCK } from './layout';
import { instantiateKernels, wasmForCompute } from './runtime';

/** @internal A one-input activation kernel of the module (scripts/wasm-activations.mjs). */
export type ActForward = 'tanh' | 'silu' | 'geluTanh' | 'gelu';
/** @internal A two-input (gradient, saved tensor) backward kernel of the module. */
export type ActBackward = 'tanhBwd' | 'siluBwd' | 'geluTanhBwd' | 'geluBwd';

/** The exports of the activation module. Pointers are byte offsets into `memory`. */
type ActExports = { memory: { readonly buffer: ArrayBuffer } } & Record<
  ActForward,
  (x: number, o: number, n: number) => void
> &
  Record<ActBackward, (g: number, x: number, o: number, n: number) => void>;

/** @internal The instantiated activation kernels and a float32 view of their memory. */
interface ActRuntime {
  k: ActExports;
  f32: Float32Array;
}

// The module's memory (7 pages, never grown; byte offsets): float32 blocks X, Y, O, and room after O for the
// three elements past n that the last group of four writes.
const X = 0;
const Y = BLOCK * 4;
const O = BLOCK * 8;

let runtime: ActRuntime | null | undefined;

function ready(exports: unknown): ActRuntime {
  const k = exports as ActExports;
  return { k, f32: new Float32Array(k.memory.buffer) };
}

/**
 * @internal The activation kernels for float32 work of `n` elements (instantiated on first use), or null when the
 * WebAssembly kernels are off, `n` is below 64 (or the size threshold) or they are unavailable here (the caller runs the JavaScript
 * emulation, which gives the same values).
 */
export function actRuntime(n: number): ActRuntime | null {
  if (wasmForCompute(n) === null) return null;
  if (runtime === undefined) {
    const exports = instantiateKernels(ACT_KERNELS_WASM_BASE64, (e) => {
      if (runtime === null) runtime = ready(e);
    });
    runtime = exports === null ? null : ready(exports);
  }
  return runtime;
}

/** @internal `out[i] = name(x[i])` over the whole of `out`, streamed through kernel memory block by block. */
export function actForward(rt: ActRuntime, name: ActForward, x: Float32Array, out: Float32Array): void {
  const { f32 } = rt;
  const kernel = rt.k[name];
  const n = out.length;
  for (let i = 0; i < n; i += BLOCK) {
    const m = Math.min(BLOCK, n - i);
    f32.set(x.subarray(i, i + m), X >> 2);
    kernel(X, O, m);
    out.set(f32.subarray(O >> 2, (O >> 2) + m), i);
  }
}

/** @internal `out[i] = name(g[i], s[i])` (a gradient and the saved input or output) over the whole of `out`. */
export function actBackward(
  rt: ActRuntime,
  name: ActBackward,
  g: Float32Array,
  s: Float32Array,
  out: Float32Array,
): void {
  const { f32 } = rt;
  const kernel = rt.k[name];
  const n = out.length;
  for (let i = 0; i < n; i += BLOCK) {
    const m = Math.min(BLOCK, n - i);
    f32.set(g.subarray(i, i + m), X >> 2);
    f32.set(s.subarray(i, i + m), Y >> 2);
    kernel(X, Y, O, m);
    out.set(f32.subarray(O >> 2, (O >> 2) + m), i);
  }
}
