import { defineOptions } from '@dl/internal';
import type { Schedule } from './types';
import { checkStep, finite } from './validate';

/** Options of {@link exponentialDecay}. */
export interface ExponentialDecayOptions {
  /**
   * The base value (e.g. the optimizer's learning rate).
   * @defaultValue 1 (the schedule then returns PyTorch's multiplicative factor)
   */
  initial?: number;
  /** The multiplicative decay per step. Required, as in PyTorch. */
  gamma: number;
}

/** @internal The checker of {@link ExponentialDecayOptions}: its option names and defaults. */
export const exponentialDecayOptions = /* @__PURE__ */ defineOptions<ExponentialDecayOptions>()(
  'exponentialDecay',
  {
    initial: 1,
    gamma: undefined,
  },
);

/**
 * A value decayed by `gamma` every step (PyTorch's `ExponentialLR`).
 *
 * $$f(t) = \text{initial}\cdot\gamma^{t}$$
 *
 * @param options - the base value and the decay.
 * @returns the {@link Schedule}.
 * @example
 * ```ts
 * import { exponentialDecay } from '@dl/schedule';
 * const lr = exponentialDecay({ initial: 0.1, gamma: 0.5 });
 * lr(0); // 0.1
 * lr(3); // 0.0125
 * ```
 * @see {@link https://pytorch.org/docs/1.13/generated/torch.optim.lr_scheduler.ExponentialLR.html | torch.optim.lr_scheduler.ExponentialLR}
 */
export function exponentialDecay(options: ExponentialDecayOptions): Schedule {
  const fn = 'exponentialDecay';
  const { initial, gamma } = exponentialDecayOptions(options, fn);
  finite(fn, 'initial', initial);
  finite(fn, 'gamma', gamma);
  return (step) => {
    checkStep(fn, step);
    return initial * gamma ** step;
  };
}
