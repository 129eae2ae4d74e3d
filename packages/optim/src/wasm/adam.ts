// Streams one float32 Adam/AdamW leaf through the kernel memory: the parameter and gradient chunk by chunk through
// scratch blocks, the state in place when it is resident (the facade's arena), else through scratch blocks too.
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

const NAMES = ['adam_plain', 'adam_l2', 'adam_decoupled'] as const;
const AMSGRAD = ['adam_plain_amsgrad', 'adam_l2_amsgrad', 'adam_decoupled_amsgrad'] as const;

/**
 * Runs the step in place with WebAssembly; false when the JavaScript loop should run instead. The scalars are
 * already rounded to float32 exactly as the JavaScript loop rounds them; `mode` 0 plain, 1 L2 (coupled weight
 * decay), 2 decoupled (AdamW).
 */
export function adamWasm(
  own: Arena | null | undefined,
  mode: 0 | 1 | 2,
  maximize: boolean,
  b1: number,
  c1: number,
  b2: number,
  c2: number,
  bc2: number,
  eps: number,
  stepSize: number,
  wd: number,
  decay: number,
  p: Float32Array,
  g: Float32Array,
  m: Float32Array,
  v: Float32Array,
  vmax: Float32Array | undefined,
): boolean {
  const w = arenaFor(p.length, own);
  if (!w) return false;
  const kernel = w.kernels[(vmax ? AMSGRAD : NAMES)[mode]]!;
  const n = p.length;
  const pc = chunksOf(p);
  const gc = chunksOf(g);
  const mAt = residentAt(w, m);
  const vAt = residentAt(w, v);
  const xAt = vmax ? residentAt(w, vmax) : 0;
  const f32 = w.f32;
  const max = maximize ? 1 : 0;
  for (let c = 0, off = 0; off < n; c++, off += CHUNK) {
    const len = Math.min(CHUNK, n - off);
    f32.set(pc[c]!, 0);
    f32.set(gc[c]!, CHUNK);
    const mp = stateIn(w, m, mAt, c, off, 2);
    const vp = stateIn(w, v, vAt, c, off, 3);
    const xp = vmax ? stateIn(w, vmax, xAt, c, off, 4) : 0;
    kernel(0, scratch(1), mp, vp, xp, (len + 3) & ~3, max, b1, c1, b2, c2, bc2, eps, stepSize, wd, decay);
    p.set(scratchView(w, 0, len), off);
    stateOut(w, m, mAt, off, len, 2);
    stateOut(w, v, vAt, off, len, 3);
    if (vmax) stateOut(w, vmax, xAt, off, len, 4);
  }
  return true;
}
