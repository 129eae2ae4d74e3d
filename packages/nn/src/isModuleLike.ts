import type { ModuleLike } from './types';

/**
 * Whether `value` implements the {@link ModuleLike} protocol (it has `train`, `eval`, `parameters`,
 * `namedParameters`, `stateDict` and `loadStateDict` methods). {@link Module} uses this test to find submodules,
 * so objects from other packages that implement the protocol compose like built-in layers.
 *
 * @param value - anything.
 * @returns `true` when `value` has the protocol's methods.
 * @example
 * ```ts
 * import { isModuleLike, Linear } from '@dl/nn';
 * isModuleLike(new Linear(2, 3)); // true
 * isModuleLike({ forward: (x: unknown) => x }); // false
 * ```
 */
export function isModuleLike(value: unknown): value is ModuleLike {
  if (value === null || typeof value !== 'object') return false;
  const m = value as Record<string, unknown>;
  return (
    typeof m['train'] === 'function' &&
    typeof m['eval'] === 'function' &&
    typeof m['parameters'] === 'function' &&
    typeof m['namedParameters'] === 'function' &&
    typeof m['stateDict'] === 'function' &&
    typeof m['loadStateDict'] === 'function'
  );
}
