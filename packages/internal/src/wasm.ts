// Loading the packages' embedded WebAssembly kernel modules: one place for the decoding (one character per byte, or base64), the SIMD check and
// the fallback to background compilation, shared by @dl/tensor's and @dl/optim's runtimes (each keeps its own
// memory layout and instances).

/** The part of the WebAssembly JavaScript API the packages use (declared here: no DOM or Node types needed). */
export interface WebAssemblyApi {
  validate(bytes: Uint8Array): boolean;
  Module: new (bytes: Uint8Array) => object;
  Instance: new (module: object, imports: object) => { exports: unknown };
  Memory: new (descriptor: { initial: number; maximum?: number }) => { buffer: ArrayBuffer };
  compile(bytes: Uint8Array): Promise<object>;
  instantiate(module: object, imports: object): Promise<{ exports: unknown }>;
}

/** The engine's WebAssembly object, or undefined where there is none (or it may not be read). */
export function webAssembly(): WebAssemblyApi | undefined {
  try {
    return (globalThis as { WebAssembly?: WebAssemblyApi }).WebAssembly;
  } catch {
    return undefined;
  }
}

/** The bytes of a base64 string (atob where there is one, else Node's Buffer). */
export function decodeBase64(s: string): Uint8Array {
  if (typeof atob === 'function') {
    const bin = atob(s);
    const out = new Uint8Array(bin.length);
    for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
    return out;
  }
  const B = (globalThis as unknown as { Buffer: { from(s: string, e: string): Uint8Array } }).Buffer;
  return new Uint8Array(B.from(s, 'base64'));
}

/**
 * The bytes of an embedded module: a string of one character per byte (code 0-255; it starts with the module's
 * magic number, "\\0asm"), or base64.
 */
export function wasmBytes(s: string): Uint8Array {
  if (s.charCodeAt(0) !== 0) return decodeBase64(s);
  const out = new Uint8Array(s.length);
  for (let i = 0; i < s.length; i++) out[i] = s.charCodeAt(i);
  return out;
}

/**
 * Compiles a module given as {@link wasmBytes} takes it (one character per byte, or base64), synchronously. Returns null where this engine has no WebAssembly SIMD (or
 * WebAssembly is not allowed here: a Content Security Policy without `wasm-unsafe-eval`), and where it refuses
 * synchronous compilation (older Chrome on a page's main thread, for modules over 4 KB): then the module is
 * compiled in the background and `later` receives it (callers run their JavaScript kernels until then).
 */
export function compileWasm(text: string, later?: (module: object) => void): object | null {
  const W = webAssembly();
  if (W === undefined) return null;
  let bytes: Uint8Array;
  try {
    bytes = wasmBytes(text);
    // Engines without SIMD reject the module: fall back to JavaScript.
    if (!W.validate(bytes)) return null;
  } catch {
    return null;
  }
  try {
    return new W.Module(bytes);
  } catch {
    if (later) W.compile(bytes).then(later, () => {});
    return null;
  }
}
