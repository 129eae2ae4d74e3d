// Float32 SGD through the main WebAssembly module (see stream.ts).
import type { Arena } from './runtime';
import { streamWasm } from './stream';

/**
 * Runs the step in place with WebAssembly, with the scalars written into `ARGS` (mom, damp, wd, nlr, rounded to
 * float32 as the JavaScript loop rounds them); false when the JavaScript loop should run instead. `first`: the
 * momentum buffer's first step.
 */
export function sgdWasm(
  own: Arena | null | undefined,
  first: boolean,
  nesterov: boolean,
  maximize: boolean,
  p: Float32Array,
  g: Float32Array,
  buf: Float32Array | undefined,
): boolean {
  const name = !buf
    ? 'sgd_none'
    : first
      ? nesterov
        ? 'sgd_first_nesterov'
        : 'sgd_first'
      : nesterov
        ? 'sgd_later_nesterov'
        : 'sgd_later';
  return streamWasm(own, null, name, p, g, buf, undefined, undefined, maximize ? 1 : 0);
}
