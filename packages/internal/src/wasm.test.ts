import { afterEach, describe, expect, it, vi } from 'vitest';
import { compileWasm, decodeBase64, wasmBytes, webAssembly } from './wasm';

// (module (func (export "f") (result i32) (i32.const 7))), and a truncated module
const PLAIN = 'AGFzbQEAAAABBQFgAAF/AwIBAAcFAQFmAAAKBgEEAEEHCw==';
const BROKEN = 'AGFzbQEAAAAB';

afterEach(() => {
  vi.unstubAllGlobals();
});

describe('the shared WebAssembly loader', () => {
  it('decodes base64 and compiles a module synchronously', () => {
    expect(Array.from(decodeBase64('AGFzbQ=='))).toEqual([0, 97, 115, 109]);
    const m = compileWasm(PLAIN);
    expect(m).not.toBeNull();
    const f = (new (webAssembly()!.Instance)(m!, {}).exports as { f: () => number }).f;
    expect(f()).toBe(7);
  });
  it('takes a module as one character per byte (the generated kernels), or base64', () => {
    const bytes = decodeBase64(PLAIN);
    const text = String.fromCharCode(...bytes);
    expect(Array.from(wasmBytes(text))).toEqual(Array.from(bytes));
    expect(Array.from(wasmBytes(PLAIN))).toEqual(Array.from(bytes));
    const m = compileWasm(text);
    expect(m).not.toBeNull();
    expect((new (webAssembly()!.Instance)(m!, {}).exports as { f: () => number }).f()).toBe(7);
    expect(compileWasm(String.fromCharCode(...decodeBase64(BROKEN)))).toBeNull();
  });
  it('gives null for bytes the engine rejects, and without WebAssembly', () => {
    expect(compileWasm(BROKEN)).toBeNull();
    vi.stubGlobal('WebAssembly', undefined);
    expect(compileWasm(PLAIN)).toBeNull();
  });
  it('compiles in the background where synchronous compilation is refused', async () => {
    const real = webAssembly()!;
    vi.stubGlobal('WebAssembly', {
      validate: real.validate,
      compile: real.compile,
      Instance: real.Instance,
      Module: class {
        constructor() {
          throw new RangeError('WebAssembly.Compile is disallowed on the main thread');
        }
      },
    });
    const later = vi.fn();
    expect(compileWasm(PLAIN, later)).toBeNull();
    await vi.waitFor(() => expect(later).toHaveBeenCalledOnce());
  });
});
