import { describe } from '@dl/internal';

/** @internal Throws a TypeError unless `state` is a record whose `keys` are numbers (a state from init/update). */
export function checkState(fn: string, state: unknown, keys: readonly string[]): void {
  const ok =
    typeof state === 'object' &&
    state !== null &&
    keys.every((k) => typeof (state as Record<string, unknown>)[k] === 'number');
  if (!ok) {
    throw new TypeError(
      `${fn}: state must be the record returned by init() or update(), got ${describe(state)}`,
    );
  }
}
