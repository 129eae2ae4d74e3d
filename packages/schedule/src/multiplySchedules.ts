import type { Schedule } from './types';
import { checkStep, isFunction, show } from './validate';

/**
 * The product of schedules, step by step (PyTorch's `ChainedScheduler` of multiplicative schedulers).
 *
 * $$f(t) = \prod_i g_i(t)$$
 *
 * Give the base value to one factor and leave the others at their default `initial: 1`, so they return
 * PyTorch's multiplicative factors.
 *
 * @param schedules - the factors (a number is a constant factor).
 * @returns the product {@link Schedule}.
 * @example
 * ```ts
 * import { multiplySchedules, constantFactor, exponentialDecay } from '@dl/schedule';
 * const lr = multiplySchedules(constantFactor({ factor: 0.5, totalIters: 2 }), exponentialDecay({ initial: 0.1, gamma: 0.9 }));
 * lr(1); // 0.045
 * lr(2); // 0.081
 * ```
 * @see {@link https://pytorch.org/docs/1.13/generated/torch.optim.lr_scheduler.ChainedScheduler.html | torch.optim.lr_scheduler.ChainedScheduler}
 */
export function multiplySchedules(...schedules: (Schedule | number)[]): Schedule {
  const fn = 'multiplySchedules';
  if (schedules.length === 0)
    throw new TypeError(`${fn}: schedules must not be empty, got ${show(schedules)}`);
  const parts = schedules.map((s, i) =>
    typeof s === 'number' ? () => s : isFunction(fn, `schedules[${i}]`, s as Schedule),
  );
  return (step) => {
    checkStep(fn, step);
    let v = 1;
    for (const p of parts) v *= p(step);
    return v;
  };
}
