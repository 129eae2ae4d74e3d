// Loads @dl/optim's own WebAssembly kernels (src/wasm/kernelsWasm.ts) once, synchronously, on first use. Where
// WebAssembly or SIMD is unavailable (or a Content Security Policy forbids compiling it) the JavaScript loops run.
import { BLOCK, OPTIM_WASM_BASE64 } from './kernelsWasm';

/** Which kernels the named optimizers use: `'auto'` (WebAssembly when it loads, for large arrays), `'js'`, `'wasm'`. */
export type OptimBackend = 'auto' | 'js' | 'wasm';

interface Kernels {
  adam: (n: number, flags: number, ...scalars: number[]) => void;
  sgd: (n: number, flags: number, ...scalars: number[]) => void;
  memory: { buffer: ArrayBuffer };
}

/** The part of the WebAssembly JavaScript API used here (declared locally: no DOM or Node types needed). */
interface WebAssemblyApi {
  Module: new (bytes: Uint8Array) => object;
  Instance: new (module: object) => { exports: unknown };
}

let backend: OptimBackend = 'auto';
let loaded: { exports: Kernels; f32: Float32Array } | null | undefined;

/** @internal Sets the backend (tests run both); returns the previous one. */
export function setOptimBackend(b: OptimBackend): OptimBackend {
  const prev = backend;
  backend = b;
  return prev;
}

function load(): { exports: Kernels; f32: Float32Array } | null {
  if (loaded !== undefined) return loaded;
  try {
    const bin = atob(OPTIM_WASM_BASE64);
    const bytes = new Uint8Array(bin.length);
    for (let i = 0; i < bin.length; i++) bytes[i] = bin.charCodeAt(i);
    const W = (globalThis as { WebAssembly?: WebAssemblyApi }).WebAssembly;
    if (!W) throw new Error('no WebAssembly');
    const instance = new W.Instance(new W.Module(bytes));
    const exports = instance.exports as unknown as Kernels;
    loaded = { exports, f32: new Float32Array(exports.memory.buffer) };
  } catch {
    loaded = null;
  }
  return loaded;
}

/** The kernels to use for an array of `n` elements, or null for the JavaScript loop. */
export function kernelsFor(n: number): { exports: Kernels; f32: Float32Array } | null {
  if (backend === 'js' || (backend === 'auto' && n < 1024)) return null;
  const k = load();
  if (!k && backend === 'wasm') throw new Error('@dl/optim: the WebAssembly kernels could not be loaded');
  return k;
}

export { BLOCK };
