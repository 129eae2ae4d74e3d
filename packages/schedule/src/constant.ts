import type { Schedule } from './types';
import { finite } from './validate';

/**
 * A schedule that returns the same value at every step.
 *
 * @param value - the value returned for every step.
 * @returns a {@link Schedule} with $f(t) = \text{value}$.
 * @example
 * ```ts
 * import { constant } from '@dl/schedule';
 * const lr = constant(0.1);
 * lr(0); // 0.1
 * ```
 * @see {@link https://optax.readthedocs.io/en/latest/api/optimizer_schedules.html | optax.constant_schedule}
 */
export function constant(value: number): Schedule {
  finite('constant', 'value', value);
  return () => value;
}
