import type { Schedule } from './types';
import { inRange } from './validate';
import { warmupFactor } from './warmupFactor';

/**
 * A {@link linearWarmup} whose period comes from Adam's $\beta_2$ (pytorch_warmup's `UntunedLinearWarmup`).
 *
 * $$\tau = \left\lfloor \frac{2}{1 - \beta_2} \right\rfloor,\qquad f(t) = g(t)\cdot\min\left(1, \frac{t + 1}{\tau}\right)$$
 *
 * The floor is taken in floating point, as pytorch_warmup does: $\beta_2 = 0.999$ gives $\tau = 1999$.
 *
 * @param schedule - the inner schedule $g$ (a number is a constant schedule).
 * @param beta2 - Adam's $\beta_2$, in (0, 1). Default 0.999.
 * @returns the warmed-up {@link Schedule}.
 * @example
 * ```ts
 * import { untunedLinearWarmup } from '@dl/schedule';
 * const lr = untunedLinearWarmup(1, 0.99);
 * lr(0); // 0.0050251
 * lr(198); // 1
 * ```
 * @see {@link https://arxiv.org/abs/1910.04209 | Ma & Yarats, On the adequacy of untuned warmup for adaptive optimization (2021)}
 */
export function untunedLinearWarmup(schedule: Schedule | number, beta2 = 0.999): Schedule {
  inRange('untunedLinearWarmup', 'beta2', beta2, 0, 1);
  const tau = Math.trunc(2 / (1 - beta2));
  return warmupFactor('untunedLinearWarmup', schedule, (t) => Math.min(1, (t + 1) / tau));
}
