// The embedded form of the packages' WebAssembly kernel modules, shared by the generators
// (packages/tensor/scripts/build-wasm.mjs, packages/optim/scripts/build-wasm.mjs); @dl/internal's `wasmBytes` reads it.

/**
 * A module's bytes as the text of a JavaScript string literal, one character per byte: printable ASCII as is, every
 * other byte as `\\xNN`. Minified and gzipped it is about 25 % smaller than base64, whose 6-bit groups hide the
 * kernels' repeated byte sequences from the compressor (2026-12-03, the activation kernels: 6.4 against 8.9 KB).
 */
export function byteString(bytes) {
  let s = '';
  for (const b of bytes) {
    const c = String.fromCharCode(b);
    s += b >= 0x20 && b < 0x7f && c !== "'" && c !== '\\' ? c : `\\x${b.toString(16).padStart(2, '0')}`;
  }
  return s;
}
