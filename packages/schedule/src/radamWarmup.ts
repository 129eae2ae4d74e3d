import type { Schedule } from './types';
import { inRange } from './validate';
import { warmupFactor } from './warmupFactor';

/**
 * Multiplies any schedule by RAdam's variance rectification term, used as a warmup (pytorch_warmup's
 * `RAdamWarmup`): Adam with this warmup behaves like RAdam.
 *
 * $$\rho_\infty = \frac{2}{1 - \beta_2} - 1,\quad \rho(t) = \rho_\infty - \frac{2t\beta_2^t}{1 - \beta_2^t},\quad
 * r(t) = \sqrt{\frac{(\rho(t) - 4)(\rho(t) - 2)\rho_\infty}{(\rho_\infty - 4)(\rho_\infty - 2)\rho(t)}}$$
 * $$f(t) = g(t)\cdot r(t + k)$$
 * where the offset $k$ is the smallest integer $\ge 1$ with $\rho(k) > 4$ (so step 0 is the first step where the
 * term is defined).
 *
 * @param schedule - the inner schedule $g$ (a number is a constant schedule).
 * @param beta2 - Adam's $\beta_2$, in (0.6, 1). Default 0.999.
 * @returns the warmed-up {@link Schedule}.
 * @example
 * ```ts
 * import { radamWarmup } from '@dl/schedule';
 * const lr = radamWarmup(1e-3);
 * lr(0); // 0.0000173
 * lr(10000); // 0.001
 * ```
 * @see {@link https://arxiv.org/abs/1908.03265 | Liu et al., On the Variance of the Adaptive Learning Rate and Beyond (RAdam, 2020)}
 * @see {@link https://github.com/Tony-Y/pytorch_warmup | pytorch_warmup}
 */
export function radamWarmup(schedule: Schedule | number, beta2 = 0.999): Schedule {
  inRange('radamWarmup', 'beta2', beta2, 0.6, 1);
  const rhoInf = 2 / (1 - beta2) - 1;
  const rho = (t: number) => {
    const b2t = beta2 ** t;
    return rhoInf - (2 * t * b2t) / (1 - b2t);
  };
  let offset = 1;
  while (!(rho(offset) > 4)) offset++;
  return warmupFactor('radamWarmup', schedule, (t) => {
    const r = rho(t + offset);
    return Math.sqrt(((r - 4) * (r - 2) * rhoInf) / ((rhoInf - 4) * (rhoInf - 2) * r));
  });
}
