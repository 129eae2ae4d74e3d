// Float32 Adam / AdamW through the main WebAssembly module (see stream.ts).
import type { Arena } from './runtime';
import { streamWasm } from './stream';

const NAMES = ['adam_plain', 'adam_l2', 'adam_decoupled'] as const;
const AMSGRAD = ['adam_plain_amsgrad', 'adam_l2_amsgrad', 'adam_decoupled_amsgrad'] as const;

/**
 * Runs the step in place with WebAssembly, with the scalars written into `ARGS` (b1, c1, b2, c2, bc2, eps, stepSize,
 * wd, decay, already rounded to float32 as the JavaScript loop rounds them); false when the JavaScript loop should
 * run instead. `mode` 0 plain, 1 L2 (coupled weight decay), 2 decoupled (AdamW).
 */
export function adamWasm(
  own: Arena | null | undefined,
  mode: 0 | 1 | 2,
  maximize: boolean,
  p: Float32Array,
  g: Float32Array,
  m: Float32Array,
  v: Float32Array,
  vmax: Float32Array | undefined,
): boolean {
  return streamWasm(own, null, (vmax ? AMSGRAD : NAMES)[mode], p, g, m, v, vmax, maximize ? 1 : 0);
}
