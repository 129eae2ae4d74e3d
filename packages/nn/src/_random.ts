import { describe } from '@dl/internal';
import { createGenerator, type Generator } from '@dl/tensor';

/** @internal Where a layer draws its randomness: a generator it advances, or a seed for a fresh one. */
export interface LayerRandomOptions {
  generator?: Generator;
  seed?: number;
}

/**
 * @internal The generator named by `options`; without one, a fresh generator seeded from `Math.random()` (like
 * PyTorch without `manual_seed`: not reproducible). Errors name `fn`.
 */
export function layerGenerator(fn: string, options: LayerRandomOptions): Generator {
  const g = options.generator;
  if (g !== undefined) {
    if (g === null || typeof (g as Generator).nextUint32 !== 'function') {
      throw new TypeError(
        `${fn}: generator must be a Generator from createGenerator(seed), got ${describe(g)}`,
      );
    }
    return g;
  }
  if (options.seed !== undefined) {
    if (!Number.isSafeInteger(options.seed)) {
      throw new TypeError(`${fn}: seed must be a safe integer, got ${describe(options.seed)}`);
    }
    return createGenerator(options.seed);
  }
  return createGenerator(Math.floor(Math.random() * 2 ** 53));
}
