// Streams one float32 SGD leaf through blocks of kernel memory.
import { BLOCK, kernelsFor } from './runtime';

/** Scalars of the fused step, rounded to float32 exactly as the JavaScript loop rounds them. */
export interface SgdScalars {
  mom: number;
  damp: number;
  wd: number;
  nlr: number;
  first: boolean;
  nesterov: boolean;
  maximize: boolean;
}

/** Runs the step in place with WebAssembly; false when the JavaScript loop should run instead. */
export function sgdWasm(
  k: SgdScalars,
  p: Float32Array,
  g: Float32Array,
  buf: Float32Array | undefined,
): boolean {
  const w = kernelsFor(p.length);
  if (!w) return false;
  const { f32, exports } = w;
  const flags = (k.first ? 1 : 0) | (k.nesterov ? 2 : 0) | (k.maximize ? 4 : 0) | (buf ? 8 : 0);
  const n = p.length;
  for (let off = 0; off < n; off += BLOCK) {
    const len = Math.min(BLOCK, n - off);
    const end = off + len;
    f32.set(p.subarray(off, end), 0);
    f32.set(g.subarray(off, end), BLOCK);
    if (buf) f32.set(buf.subarray(off, end), 2 * BLOCK);
    exports.sgd((len + 3) & ~3, flags, k.mom, k.damp, k.wd, k.nlr);
    p.set(f32.subarray(0, len), off);
    if (buf) buf.set(f32.subarray(2 * BLOCK, 2 * BLOCK + len), off);
  }
  return true;
}
