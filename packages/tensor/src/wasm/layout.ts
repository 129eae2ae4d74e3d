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
/**
 * @internal How far the output block O sits past a 4 KB page boundary (in every module). Large JavaScript typed
 * arrays start 16 bytes past a page (glibc's mmap'ed chunks), and glibc's `memcpy` of 2 KB and more (`rep movsb`,
 * which `Float32Array.prototype.set` reaches) runs about 25 times slower on AMD Zen 3 when the destination is 4-28
 * bytes past the source modulo 4 KB: with O on a page boundary, every copy of a result out of it was that slow
 * (add of 1M float32 in a fresh process: 1.84 ms against 0.52 ms; a 128 KB copy 63-77 µs against 2.6 µs; measured
 * 2026-12-02 on an AMD EPYC, glibc 2.36, by turning `rep movsb` off with
 * `GLIBC_TUNABLES=glibc.cpu.x86_rep_movsb_threshold=0x10000000`). Copies in (JavaScript array to X, Y) go the other
 * way (destination 16 bytes before the source) and were never slow. Every block after O moves by a page.
 */
export const SKEW = 2048;
/** @internal Byte offsets in kernel memory (the module starts with 1 MB): three float32 blocks X, Y, O. */
export const X = 0;
/** @internal See {@link X}. */
export const Y = BLOCK * 4;
/** @internal See {@link X} and {@link SKEW}. */
export const O = BLOCK * 8 + SKEW;
/** @internal A float64 block (exponentials of softmax rows), a page after O's slot (see {@link SKEW}). */
export const E = BLOCK * 12 + 4096;
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
