import type { Schedule } from './types';
import { inRange } from './validate';
import { warmupFactor } from './warmupFactor';

/**
 * An {@link exponentialWarmup} whose time constant comes from Adam's $\beta_2$ (pytorch_warmup's
 * `UntunedExponentialWarmup`).
 *
 * $$\tau = \left\lfloor \frac{1}{1 - \beta_2} \right\rfloor,\qquad f(t) = g(t)\left(1 - e^{-(t + 1)/\tau}\right)$$
 *
 * The floor is taken in floating point, as pytorch_warmup does: $\beta_2 = 0.999$ gives $\tau = 999$.
 *
 * @param schedule - the inner schedule $g$ (a number is a constant schedule).
 * @param beta2 - Adam's $\beta_2$, in (0, 1). Default 0.999.
 * @returns the warmed-up {@link Schedule}.
 * @example
 * ```ts
 * import { untunedExponentialWarmup } from '@dl/schedule';
 * const lr = untunedExponentialWarmup(1, 0.99);
 * lr(0); // 0.0100502
 * ```
 * @see {@link https://arxiv.org/abs/1910.04209 | Ma & Yarats, On the adequacy of untuned warmup for adaptive optimization (2021)}
 */
export function untunedExponentialWarmup(schedule: Schedule | number, beta2 = 0.999): Schedule {
  inRange('untunedExponentialWarmup', 'beta2', beta2, 0, 1);
  const tau = Math.trunc(1 / (1 - beta2));
  return warmupFactor('untunedExponentialWarmup', schedule, (t) => 1 - Math.exp(-(t + 1) / tau));
}
