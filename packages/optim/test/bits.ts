// The bit patterns of float32 arrays, for the kernels' bit-identity tests (test/wasm.test.ts,
// test/kernelMemory.test.ts).

/** The bits of float32 arrays (so that -0 and +0, or two NaNs, are told apart). */
export const bits = (xs: readonly Float32Array[]) =>
  xs.map((x) => Array.from(new Uint32Array(x.buffer, x.byteOffset, x.length)));
