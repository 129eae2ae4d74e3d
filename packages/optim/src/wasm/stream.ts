// The one streaming loop of every WebAssembly kernel: the parameter and gradient of one float32 leaf go chunk by
// chunk through scratch blocks; each state array is used in place when it is resident in the arena (the facade's
// kernel memory), else streamed through a scratch block of its own. Fixed arity, so a step allocates nothing.
import {
  ARGS_AT,
  ARGS64_AT,
  type Arena,
  arenaFor,
  CHUNK,
  chunksOf,
  type KernelModule,
  kernelsOf,
  residentAt,
  scratch,
  scratchView,
  stateIn,
  stateOut,
} from './runtime';

/**
 * What the last {@link streamWasm} call found out about its gradient: 0 nothing (its kernels do not check, or it
 * did not run), 1 every value finite, 2 a NaN or an infinity (the main module's kernels check what they read;
 * the facade's `checkFinite: 'during'`). The caller resets it to 0 before a leaf's step.
 */
/** Float32 indices of scratch blocks 0 (the parameter's chunk) and 1 (the gradient's). */
const SCRATCH0 = scratch(0) / 4;
const SCRATCH1 = scratch(1) / 4;

export const GRADIENT = {
  checked: 0,
  /** 2 when the main module's kernels should check (flag bit 2; the facade's `checkFinite: 'during'`), else 0. */
  check: 0,
};

/**
 * The float32 scalars of the next {@link streamWasm} call, copied into the kernel memory at `ARGS_AT`: the rules
 * write them here (already rounded to float32, stored exactly) before the call.
 */
export const ARGS = new Float32Array(12);

/**
 * The float64 scalars (0 … 15) of the next {@link streamWasm} call, and the accumulators (16 … 23: the per-lane
 * sums of a norms pass, two sums of four lanes each), copied into the kernel memory at `ARGS64_AT` before the call
 * (the rules zero the accumulators first) and the accumulators copied back after it.
 */
export const ARGS64 = new Float64Array(24);

/** A {@link streamWasm} flag: the kernel only reads the parameter (a norms pass), so it is not copied back. */
export const READ_ONLY = 1 << 30;

/**
 * Runs kernel `name` of `module` (null: the main module) over one leaf in place, with the scalars of
 * {@link ARGS}; false when the JavaScript loop should run instead. States `s0 … s2` may be undefined (then 0
 * is passed).
 */
export function streamWasm(
  own: Arena | null | undefined,
  module: KernelModule | null,
  name: string,
  p: Float32Array,
  g: Float32Array,
  s0: Float32Array | undefined,
  s1: Float32Array | undefined,
  s2: Float32Array | undefined,
  flags: number,
): boolean {
  const w = arenaFor(p.length, own);
  if (!w) return false;
  const kernels = kernelsOf(w, module);
  if (!kernels) return false;
  const kernel = kernels[name]!;
  const n = p.length;
  // a parameter or gradient that lives in this memory (createKernelMemory) is read and written where it is; the
  // main module's kernels negate the gradient in place for `maximize` (flag bit 1), so that one is then copied
  const atP = residentAt(w, p);
  const atG = module === null && (flags & 1) !== 0 ? -1 : residentAt(w, g);
  // a leaf of one block is copied whole (no views: a fresh gradient array each step costs nothing)
  const pc = n > CHUNK && atP < 0 ? chunksOf(p) : null;
  const gc = n > CHUNK && atG < 0 ? chunksOf(g) : null;
  const at0 = s0 ? residentAt(w, s0) : 0;
  const at1 = s1 ? residentAt(w, s1) : 0;
  const at2 = s2 ? residentAt(w, s2) : 0;
  const f32 = w.f32;
  const f64 = w.f64;
  f32.set(ARGS, ARGS_AT / 4);
  f64.set(ARGS64, ARGS64_AT / 8);
  const write = (flags & READ_ONLY) === 0;
  let checked = 0;
  for (let c = 0, off = 0; off < n; c++, off += CHUNK) {
    const len = Math.min(CHUNK, n - off);
    // the lanes past the end are zeros (the norms passes sum every lane; no stale value reaches a check): in
    // the scratch blocks they are filled here, in resident arrays they are their own padding, never written
    // with anything but the update of zeros
    const padded = (len + 3) & ~3;
    let qp = scratch(0);
    if (atP >= 0) qp = atP + off * 4;
    else {
      f32.set(pc ? pc[c]! : p, SCRATCH0);
      if (len & 3) f32.fill(0, SCRATCH0 + len, SCRATCH0 + padded);
    }
    let qg = scratch(1);
    if (atG >= 0) qg = atG + off * 4;
    else {
      f32.set(gc ? gc[c]! : g, SCRATCH1);
      if (len & 3) f32.fill(0, SCRATCH1 + len, SCRATCH1 + padded);
    }
    const q0 = s0 ? stateIn(w, s0, at0, c, off, 2) : 0;
    const q1 = s1 ? stateIn(w, s1, at1, c, off, 3) : 0;
    const q2 = s2 ? stateIn(w, s2, at2, c, off, 4) : 0;
    const bad = kernel(qp, qg, q0, q1, q2, padded, module ? flags : flags | GRADIENT.check, ARGS_AT);
    if (bad !== undefined && checked < 2) checked = bad ? 2 : 1;
    if (write && atP < 0) p.set(scratchView(w, 0, len), off);
    if (s0) stateOut(w, s0, at0, off, len, 2);
    if (s1) stateOut(w, s1, at1, off, len, 3);
    if (s2) stateOut(w, s2, at2, off, len, 4);
  }
  GRADIENT.checked = checked;
  for (let i = 16; i < 24; i++) ARGS64[i] = f64[ARGS64_AT / 8 + i]!;
  return true;
}
