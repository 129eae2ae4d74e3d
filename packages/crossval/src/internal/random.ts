import { describe } from '@dl/internal';
import { RandomState, type RandomStateLike } from '../RandomState';

/**
 * scikit-learn's `check_random_state`: an integer or array seeds a new stream, a `RandomState` is used as is
 * (shared), `undefined` draws a fresh non-reproducible seed.
 */
export function resolveRandomState(fn: string, value: RandomStateLike | undefined): RandomState {
  if (value instanceof RandomState) return value;
  if (value === undefined) return new RandomState(Math.floor(Math.random() * 2 ** 32));
  if (typeof value === 'number') {
    if (!Number.isInteger(value) || value < 0 || value > 0xffffffff) {
      throw new TypeError(
        `${fn}: randomState must be an integer in [0, 2^32 - 1], an array of such integers or a RandomState, got ${value}`,
      );
    }
    return new RandomState(value);
  }
  if (Array.isArray(value)) {
    for (const v of value) {
      if (typeof v !== 'number' || !Number.isInteger(v) || v < 0 || v > 0xffffffff) {
        throw new TypeError(
          `${fn}: randomState must be an integer in [0, 2^32 - 1], an array of such integers or a RandomState, got [${value.join(', ')}]`,
        );
      }
    }
    if (value.length === 0) throw new RangeError(`${fn}: randomState must be a non-empty array, got []`);
    return new RandomState(value);
  }
  throw new TypeError(
    `${fn}: randomState must be an integer in [0, 2^32 - 1], an array of such integers or a RandomState, got ${describe(value)}`,
  );
}

/** Validates a `randomState` option eagerly (at construction), without consuming anything. */
export function checkRandomState(fn: string, value: unknown): void {
  if (value === undefined || value instanceof RandomState) return;
  resolveRandomState(fn, value as RandomStateLike);
}
