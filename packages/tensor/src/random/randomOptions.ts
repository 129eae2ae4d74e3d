import { describe } from '@dl/internal';
import { createGenerator, type Generator } from './createGenerator';

/** Where a random function gets its randomness: a generator it advances, or a seed for a fresh one. */
export interface RandomOptions {
  /**
   * The generator to draw from (advanced in place). One of `generator` or `seed` is required: `@dl/tensor` keeps no
   * hidden global random state.
   * @defaultValue none
   */
  generator?: Generator;
  /**
   * A seed for a fresh generator, `createGenerator(seed)`, used when `generator` is not given.
   * @defaultValue none
   */
  seed?: number;
}

/** @internal The generator named by `options`, or a TypeError naming `fn` when there is none. */
export function resolveGenerator(fn: string, options: RandomOptions | undefined): Generator {
  const g = options?.generator;
  if (g !== undefined) {
    if (g === null || typeof (g as Generator).nextUint32 !== 'function') {
      throw new TypeError(
        `${fn}: options.generator must be a Generator from createGenerator(seed), got ${describe(g)}`,
      );
    }
    return g;
  }
  if (options?.seed !== undefined) return createGenerator(options.seed);
  throw new TypeError(
    `${fn}: pass options.generator (createGenerator(seed)) or options.seed; there is no global generator`,
  );
}
