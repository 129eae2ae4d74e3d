/**
 * @internal Elements per block: each operand's block (128 KB of float32) stays in the L2 cache, so copying it into
 * WebAssembly memory and the result out again costs far less than the memory traffic the op needs anyway.
 */
export const BLOCK = 32768;
/**
 * @internal Longest run of a row summed in one go (longer rows are summed chunk by chunk, the chunk sums added in
 * order), by the JavaScript and the WebAssembly kernels alike, so that both give the same sums.
 */
export const SUM_CHUNK = 16384;
/** @internal Byte offsets in kernel memory (the module starts with 1 MB): three float32 blocks X, Y, O. */
export const X = 0;
/** @internal See {@link X}. */
export const Y = BLOCK * 4;
/** @internal See {@link X}. */
export const O = BLOCK * 8;
/** @internal A float64 block (exponentials of softmax rows). */
export const E = BLOCK * 12;
/** @internal Rows handled per softmax call, at most: their maxima (M) and sums (S) are float64. */
export const MAX_ROWS = 4096;
/** @internal See {@link MAX_ROWS}. */
export const M = E + BLOCK * 8;
/** @internal See {@link MAX_ROWS}. */
export const S = M + MAX_ROWS * 8;
/** @internal The table 2^(j/256), j = 0..255, of the exponential (float64). */
export const TAB = S + MAX_ROWS * 8;
/** @internal Matrix products use memory from here on (grown as needed). */
export const MATMUL_BASE = 1 << 20;
