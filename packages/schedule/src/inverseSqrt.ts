import { defineOptions } from '@dl/internal';
import type { Schedule } from './types';
import { checkStep, finite, integer } from './validate';

/** Options of {@link inverseSqrt}. */
export interface InverseSqrtOptions {
  /**
   * The peak value, reached at the end of the warmup.
   * @defaultValue 1
   */
  initial?: number;
  /**
   * The number of warmup steps (an integer >= 1); the peak is at step `warmupSteps - 1`.
   * @defaultValue 4000
   */
  warmupSteps?: number;
}

/** @internal The checker of {@link InverseSqrtOptions}: its option names and defaults. */
export const inverseSqrtOptions = /* @__PURE__ */ defineOptions<InverseSqrtOptions>()('inverseSqrt', {
  initial: 1,
  warmupSteps: 4000,
});

/**
 * Linear warmup then inverse-square-root decay: the Transformer ("Noam") schedule.
 *
 * With $s = t + 1$ (so the first update already gets a non-zero value) and $W$ = `warmupSteps`:
 * $$f(t) = \text{initial}\cdot\min\left(\frac{s}{W}, \sqrt{\frac{W}{s}}\right)$$
 * The paper's $d_{model}^{-0.5}\min(s^{-0.5}, s W^{-1.5})$ is this schedule with
 * `initial` $= d_{model}^{-0.5} W^{-0.5}$ (times Noam's `factor`).
 *
 * @param options - the peak value and the warmup length.
 * @returns the {@link Schedule}.
 * @example
 * ```ts
 * import { inverseSqrt } from '@dl/schedule';
 * const lr = inverseSqrt({ initial: 1e-3, warmupSteps: 100 });
 * lr(0); // 0.00001
 * lr(99); // 0.001
 * lr(399); // 0.0005
 * ```
 * @see {@link https://arxiv.org/abs/1706.03762 | Vaswani et al., Attention Is All You Need (2017), section 5.3}
 */
export function inverseSqrt(options: InverseSqrtOptions = {}): Schedule {
  const fn = 'inverseSqrt';
  const { initial, warmupSteps } = inverseSqrtOptions(options, fn);
  finite(fn, 'initial', initial);
  integer(fn, 'warmupSteps', warmupSteps, 1);
  return (step) => {
    checkStep(fn, step);
    const s = step + 1;
    return initial * Math.min(s / warmupSteps, Math.sqrt(warmupSteps / s));
  };
}
