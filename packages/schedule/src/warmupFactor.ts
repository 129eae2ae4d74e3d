import type { Schedule } from './types';
import { checkStep, isFunction } from './validate';

/** Internal: `inner(t) × factor(t)`, with the step checked and a number accepted as a constant schedule. */
export function warmupFactor(
  fn: string,
  inner: Schedule | number,
  factor: (step: number) => number,
): Schedule {
  if (typeof inner === 'number') {
    const value = inner;
    inner = () => value;
  }
  const schedule = isFunction(fn, 'schedule', inner);
  return (step) => {
    checkStep(fn, step);
    return schedule(step) * factor(step);
  };
}
