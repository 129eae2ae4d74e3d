import type { Schedule } from './types';
import { positive } from './validate';
import { warmupFactor } from './warmupFactor';

/**
 * Multiplies any schedule by a linear warmup factor (pytorch_warmup's `LinearWarmup`).
 *
 * $$f(t) = g(t)\cdot\min\left(1, \frac{t + 1}{\tau}\right)$$
 *
 * The first update (step 0) gets $g(0)/\tau$, not 0; the factor reaches 1 at step $\tau - 1$, where the inner
 * schedule takes over unchanged: the inner schedule is NOT shifted, it runs from step 0 underneath the warmup.
 *
 * @param schedule - the inner schedule $g$ (a number is a constant schedule).
 * @param warmupPeriod - $\tau$, the number of warmup steps (> 0).
 * @returns the warmed-up {@link Schedule}.
 * @example
 * ```ts
 * import { linearWarmup, cosineAnnealing } from '@dl/schedule';
 * const lr = linearWarmup(cosineAnnealing({ initial: 0.1, tMax: 100, mode: 'clamped' }), 10);
 * lr(0); // 0.01
 * lr(9); // 0.0980147
 * linearWarmup(0.1, 10)(4); // 0.05
 * ```
 * @see {@link https://github.com/Tony-Y/pytorch_warmup | pytorch_warmup}
 * @see {@link https://arxiv.org/abs/1910.04209 | Ma & Yarats, On the adequacy of untuned warmup for adaptive optimization (2021)}
 */
export function linearWarmup(schedule: Schedule | number, warmupPeriod: number): Schedule {
  positive('linearWarmup', 'warmupPeriod', warmupPeriod);
  return warmupFactor('linearWarmup', schedule, (t) => Math.min(1, (t + 1) / warmupPeriod));
}
