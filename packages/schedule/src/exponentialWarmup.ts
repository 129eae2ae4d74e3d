import type { Schedule } from './types';
import { positive } from './validate';
import { warmupFactor } from './warmupFactor';

/**
 * Multiplies any schedule by an exponential warmup factor (pytorch_warmup's `ExponentialWarmup`).
 *
 * $$f(t) = g(t)\left(1 - e^{-(t + 1)/\tau}\right)$$
 *
 * @param schedule - the inner schedule $g$ (a number is a constant schedule).
 * @param warmupPeriod - $\tau$, the time constant in steps (> 0).
 * @returns the warmed-up {@link Schedule}.
 * @example
 * ```ts
 * import { exponentialWarmup } from '@dl/schedule';
 * const lr = exponentialWarmup(0.1, 10);
 * lr(0); // 0.0095163
 * lr(9); // 0.0632121
 * ```
 * @see {@link https://github.com/Tony-Y/pytorch_warmup | pytorch_warmup}
 */
export function exponentialWarmup(schedule: Schedule | number, warmupPeriod: number): Schedule {
  positive('exponentialWarmup', 'warmupPeriod', warmupPeriod);
  return warmupFactor('exponentialWarmup', schedule, (t) => 1 - Math.exp(-(t + 1) / warmupPeriod));
}
