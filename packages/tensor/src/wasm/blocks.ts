import { BLOCK, O, X, Y } from './layout';

/**
 * @internal A map kernel of the four-lane modules (scripts/wasm-shared.mjs `mapKernel`): one input at X (`(X, O, n,
 * p, q, s)`) or two at X and Y (`(X, Y, O, n, p, q, s)`) into O; kernels without parameters ignore the extra ones.
 */
export type MapKernel = (a: number, b: number, c: number, d: number, e: number, f: number, g: number) => void;

/**
 * @internal `out[i] = kernel(x[i] (, y[i]); p, q, s)` over the whole of `out`, streamed through kernel memory block
 * by block (`f32` views that memory): each block of x (and y) is copied to X (and Y), the kernel writes O, and O
 * is copied to `out`. Tensors stay on the JavaScript heap; the blocks (128 KB each) stay in cache.
 */
export function mapBlocks(
  f32: Float32Array,
  kernel: MapKernel,
  x: Float32Array,
  y: Float32Array | null,
  out: Float32Array,
  p: number,
  q: number,
  s: number,
): void {
  const n = out.length;
  for (let i = 0; i < n; i += BLOCK) {
    const m = Math.min(BLOCK, n - i);
    f32.set(x.subarray(i, i + m), X >> 2);
    if (y === null) kernel(X, O, m, p, q, s, 0);
    else {
      f32.set(y.subarray(i, i + m), Y >> 2);
      kernel(X, Y, O, m, p, q, s);
    }
    out.set(f32.subarray(O >> 2, (O >> 2) + m), i);
  }
}
