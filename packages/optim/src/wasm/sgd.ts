// Streams one float32 SGD leaf through the kernel memory (see adam.ts).
import {
  type Arena,
  arenaFor,
  CHUNK,
  chunksOf,
  residentAt,
  scratch,
  scratchView,
  stateIn,
  stateOut,
} from './runtime';

/**
 * Runs the step in place with WebAssembly; false when the JavaScript loop should run instead. The scalars are
 * rounded to float32 exactly as the JavaScript loop rounds them; `first`: the momentum buffer's first step.
 */
export function sgdWasm(
  own: Arena | null | undefined,
  first: boolean,
  nesterov: boolean,
  maximize: boolean,
  mom: number,
  damp: number,
  wd: number,
  nlr: number,
  p: Float32Array,
  g: Float32Array,
  buf: Float32Array | undefined,
): boolean {
  const w = arenaFor(p.length, own);
  if (!w) return false;
  const name = !buf
    ? 'sgd_none'
    : first
      ? nesterov
        ? 'sgd_first_nesterov'
        : 'sgd_first'
      : nesterov
        ? 'sgd_later_nesterov'
        : 'sgd_later';
  const kernel = w.kernels[name]!;
  const n = p.length;
  const pc = chunksOf(p);
  const gc = chunksOf(g);
  const bAt = buf ? residentAt(w, buf) : 0;
  const f32 = w.f32;
  const max = maximize ? 1 : 0;
  for (let c = 0, off = 0; off < n; c++, off += CHUNK) {
    const len = Math.min(CHUNK, n - off);
    f32.set(pc[c]!, 0);
    f32.set(gc[c]!, CHUNK);
    // the first step only writes the buffer: nothing to copy in
    const bp = !buf ? 0 : first && bAt < 0 ? scratch(2) : stateIn(w, buf, bAt, c, off, 2);
    kernel(0, scratch(1), bp, (len + 3) & ~3, max, mom, damp, wd, nlr);
    p.set(scratchView(w, 0, len), off);
    if (buf) stateOut(w, buf, bAt, off, len, 2);
  }
  return true;
}
