// Streams one float32 Adam/AdamW leaf through blocks of kernel memory: copy in, one fused SIMD pass, copy out.
import { BLOCK, kernelsFor } from './runtime';

/** Scalars of the fused step, already rounded to float32 exactly as the JavaScript loop rounds them. */
export interface AdamScalars {
  b1: number;
  c1: number;
  b2: number;
  c2: number;
  bc2: number;
  eps: number;
  stepSize: number;
  wd: number;
  decay: number;
  amsgrad: boolean;
  decoupled: boolean;
  maximize: boolean;
}

/** Runs the step in place with WebAssembly; false when the JavaScript loop should run instead. */
export function adamWasm(
  k: AdamScalars,
  p: Float32Array,
  g: Float32Array,
  m: Float32Array,
  v: Float32Array,
  vmax: Float32Array | undefined,
): boolean {
  const w = kernelsFor(p.length);
  if (!w) return false;
  const { f32, exports } = w;
  const flags = (k.amsgrad ? 1 : 0) | (k.decoupled ? 2 : 0) | (k.maximize ? 4 : 0);
  const n = p.length;
  for (let off = 0; off < n; off += BLOCK) {
    const len = Math.min(BLOCK, n - off);
    const end = off + len;
    f32.set(p.subarray(off, end), 0);
    f32.set(g.subarray(off, end), BLOCK);
    f32.set(m.subarray(off, end), 2 * BLOCK);
    f32.set(v.subarray(off, end), 3 * BLOCK);
    if (vmax) f32.set(vmax.subarray(off, end), 4 * BLOCK);
    exports.adam((len + 3) & ~3, flags, k.b1, k.c1, k.b2, k.c2, k.bc2, k.eps, k.stepSize, k.wd, k.decay);
    p.set(f32.subarray(0, len), off);
    m.set(f32.subarray(2 * BLOCK, 2 * BLOCK + len), off);
    v.set(f32.subarray(3 * BLOCK, 3 * BLOCK + len), off);
    if (vmax) vmax.set(f32.subarray(4 * BLOCK, 4 * BLOCK + len), off);
  }
  return true;
}
