// Float32 Adam / AdamW through the main WebAssembly module (see stream.ts).
import type { Arena } from './runtime';
import { streamWasm } from './stream';

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
  const name = (vmax ? AMSGRAD : NAMES)[mode];
  return streamWasm(
    own,
    null,
    name,
    p,
    g,
    m,
    v,
    vmax,
    maximize ? 1 : 0,
    b1,
    c1,
    b2,
    c2,
    bc2,
    eps,
    stepSize,
    wd,
    decay,
    0,
    0,
    0,
  );
}
