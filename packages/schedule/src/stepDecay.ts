import { defineOptions } from '@dl/internal';
import type { Schedule } from './types';
import { checkStep, finite, integer } from './validate';

/** Options of {@link stepDecay}. */
export interface StepDecayOptions {
  /**
   * The base value (e.g. the optimizer's learning rate).
   * @defaultValue 1 (the schedule then returns PyTorch's multiplicative factor)
   */
  initial?: number;
  /** The period of the decay, in steps (an integer >= 1). Required, as in PyTorch. */
  stepSize: number;
  /**
   * The multiplicative decay applied every `stepSize` steps.
   * @defaultValue 0.1
   */
  gamma?: number;
}

/** @internal The checker of {@link StepDecayOptions}: its option names and defaults. */
export const stepDecayOptions = /* @__PURE__ */ defineOptions<StepDecayOptions>()('stepDecay', {
  initial: 1,
  stepSize: undefined,
  gamma: 0.1,
});

/**
 * A value decayed by `gamma` every `stepSize` steps (PyTorch's `StepLR`).
 *
 * $$f(t) = \text{initial}\cdot\gamma^{\lfloor t / \text{stepSize} \rfloor}$$
 *
 * @param options - the base value, the period and the decay.
 * @returns the {@link Schedule}.
 * @example
 * ```ts
 * import { stepDecay } from '@dl/schedule';
 * const lr = stepDecay({ initial: 0.1, stepSize: 30, gamma: 0.1 });
 * lr(29); // 0.1
 * lr(30); // 0.01
 * ```
 * @see {@link https://pytorch.org/docs/1.13/generated/torch.optim.lr_scheduler.StepLR.html | torch.optim.lr_scheduler.StepLR}
 */
export function stepDecay(options: StepDecayOptions): Schedule {
  const fn = 'stepDecay';
  const { initial, stepSize, gamma } = stepDecayOptions(options, fn);
  finite(fn, 'initial', initial);
  integer(fn, 'stepSize', stepSize, 1);
  finite(fn, 'gamma', gamma);
  return (step) => {
    checkStep(fn, step);
    return initial * gamma ** Math.floor(step / stepSize);
  };
}
