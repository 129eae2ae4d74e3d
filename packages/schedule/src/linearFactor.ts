import { defineOptions } from '@dl/internal';
import type { Schedule } from './types';
import { checkStep, finite, inRange, integer } from './validate';

/** Options of {@link linearFactor}. */
export interface LinearFactorOptions {
  /**
   * The base value (e.g. the optimizer's learning rate).
   * @defaultValue 1 (the schedule then returns PyTorch's multiplicative factor)
   */
  initial?: number;
  /**
   * The factor at step 0; in (0, 1].
   * @defaultValue 1/3
   */
  startFactor?: number;
  /**
   * The factor from step `totalIters` on; in [0, 1].
   * @defaultValue 1
   */
  endFactor?: number;
  /**
   * The number of steps over which the factor moves from `startFactor` to `endFactor`.
   * @defaultValue 5
   */
  totalIters?: number;
}

/** @internal The checker of {@link LinearFactorOptions}: its option names and defaults. */
export const linearFactorOptions = /* @__PURE__ */ defineOptions<LinearFactorOptions>()('linearFactor', {
  initial: 1,
  startFactor: 0.3333333333333333 /* 1 / 3 */,
  endFactor: 1,
  totalIters: 5,
});

/**
 * A value scaled by a factor that moves linearly from `startFactor` to `endFactor` (PyTorch's `LinearLR`).
 *
 * $$f(t) = \text{initial}\left(s + (e - s)\frac{\min(t, T)}{T}\right)$$
 * with $s$ = `startFactor`, $e$ = `endFactor`, $T$ = `totalIters`. Often used as a warmup.
 *
 * @param options - the base value, the two factors and the length.
 * @returns the {@link Schedule}.
 * @example
 * ```ts
 * import { linearFactor } from '@dl/schedule';
 * const lr = linearFactor({ initial: 0.1, startFactor: 0.5, totalIters: 4 });
 * lr(0); // 0.05
 * lr(2); // 0.075
 * lr(10); // 0.1
 * ```
 * @see {@link https://pytorch.org/docs/1.13/generated/torch.optim.lr_scheduler.LinearLR.html | torch.optim.lr_scheduler.LinearLR}
 */
export function linearFactor(options: LinearFactorOptions = {}): Schedule {
  const fn = 'linearFactor';
  const { initial, startFactor, endFactor, totalIters } = linearFactorOptions(options, fn);
  finite(fn, 'initial', initial);
  inRange(fn, 'startFactor', startFactor, 0, 1, true);
  finite(fn, 'endFactor', endFactor);
  if (endFactor < 0 || endFactor > 1) {
    throw new RangeError(`${fn}: endFactor must be in [0, 1], got ${endFactor}`);
  }
  integer(fn, 'totalIters', totalIters, 1);
  return (step) => {
    checkStep(fn, step);
    return initial * (startFactor + ((endFactor - startFactor) * Math.min(step, totalIters)) / totalIters);
  };
}
