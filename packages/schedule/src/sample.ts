import type { Schedule } from './types';
import { integer, isFunction } from './validate';

/**
 * The values of a schedule at steps `0, 1, …, steps - 1` (for plotting, tables and tests).
 *
 * @param schedule - the schedule.
 * @param steps - the number of steps (an integer >= 0).
 * @returns the values, one per step.
 * @example
 * ```ts
 * import { sample, stepDecay } from '@dl/schedule';
 * sample(stepDecay({ initial: 1, stepSize: 2, gamma: 0.5 }), 5); // [1, 1, 0.5, 0.5, 0.25]
 * ```
 * @see {@link plotSvg} to draw the values.
 */
export function sample(schedule: Schedule, steps: number): number[] {
  isFunction('sample', 'schedule', schedule);
  integer('sample', 'steps', steps, 0);
  if (steps > 2 ** 32 - 1)
    throw new RangeError(`sample: steps must be at most 2^32 - 1 (an array length), got ${steps}`);
  return Array.from({ length: steps }, (_, t) => schedule(t));
}
