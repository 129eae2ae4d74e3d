import { defineOptions } from '@dl/internal';
import type { Schedule } from './types';
import { checkStep, finite, inRange, integer } from './validate';

/** Options of {@link constantFactor}. */
export interface ConstantFactorOptions {
  /**
   * The base value (e.g. the optimizer's learning rate); the schedule returns `initial × factor`.
   * @defaultValue 1 (the schedule then returns PyTorch's multiplicative factor)
   */
  initial?: number;
  /**
   * The factor applied until `totalIters`; in (0, 1].
   * @defaultValue 1/3
   */
  factor?: number;
  /**
   * The number of steps the factor is applied for.
   * @defaultValue 5
   */
  totalIters?: number;
}

/** @internal The checker of {@link ConstantFactorOptions}: its option names and defaults. */
export const constantFactorOptions = /* @__PURE__ */ defineOptions<ConstantFactorOptions>()(
  'constantFactor',
  {
    initial: 1,
    factor: 0.3333333333333333 /* 1 / 3 */,
    totalIters: 5,
  },
);

/**
 * A value scaled by a constant factor for the first `totalIters` steps, then the base value (PyTorch's `ConstantLR`).
 *
 * $$f(t) = \begin{cases} \text{initial}\cdot\text{factor} & t < \text{totalIters} \\ \text{initial} & t \ge \text{totalIters} \end{cases}$$
 *
 * @param options - the base value, the factor and the number of steps.
 * @returns the {@link Schedule}.
 * @example
 * ```ts
 * import { constantFactor } from '@dl/schedule';
 * const lr = constantFactor({ initial: 0.3, factor: 0.5, totalIters: 4 });
 * lr(0); // 0.15
 * lr(4); // 0.3
 * ```
 * @see {@link https://pytorch.org/docs/1.13/generated/torch.optim.lr_scheduler.ConstantLR.html | torch.optim.lr_scheduler.ConstantLR}
 */
export function constantFactor(options: ConstantFactorOptions = {}): Schedule {
  const fn = 'constantFactor';
  const { initial, factor, totalIters } = constantFactorOptions(options, fn);
  finite(fn, 'initial', initial);
  inRange(fn, 'factor', factor, 0, 1, true);
  integer(fn, 'totalIters', totalIters, 0);
  return (step) => {
    checkStep(fn, step);
    return step < totalIters ? initial * factor : initial;
  };
}
