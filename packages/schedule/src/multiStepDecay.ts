import { defineOptions } from '@dl/internal';
import type { Schedule } from './types';
import { checkStep, finite, show } from './validate';

/** Options of {@link multiStepDecay}. */
export interface MultiStepDecayOptions {
  /**
   * The base value (e.g. the optimizer's learning rate).
   * @defaultValue 1 (the schedule then returns PyTorch's multiplicative factor)
   */
  initial?: number;
  /** The steps at which the value is multiplied by `gamma`: non-negative integers in non-decreasing order. A milestone listed twice decays twice, as in PyTorch. Required. */
  milestones: readonly number[];
  /**
   * The multiplicative decay at each milestone.
   * @defaultValue 0.1
   */
  gamma?: number;
}

/** @internal The checker of {@link MultiStepDecayOptions}: its option names and defaults. */
export const multiStepDecayOptions = /* @__PURE__ */ defineOptions<MultiStepDecayOptions>()(
  'multiStepDecay',
  {
    initial: 1,
    milestones: undefined,
    gamma: 0.1,
  },
);

/**
 * A value decayed by `gamma` at each milestone (PyTorch's `MultiStepLR`).
 *
 * $$f(t) = \text{initial}\cdot\gamma^{\#\lbrace i : m_i \le t\rbrace}$$
 *
 * The switch happens AT the milestone (`t >= m`), as in PyTorch; Keras' `PiecewiseConstantDecay` switches one
 * step later.
 *
 * @param options - the base value, the milestones and the decay.
 * @returns the {@link Schedule}.
 * @example
 * ```ts
 * import { multiStepDecay } from '@dl/schedule';
 * const lr = multiStepDecay({ initial: 1, milestones: [30, 80], gamma: 0.5 });
 * lr(29); // 1
 * lr(30); // 0.5
 * lr(80); // 0.25
 * ```
 * @see {@link https://pytorch.org/docs/1.13/generated/torch.optim.lr_scheduler.MultiStepLR.html | torch.optim.lr_scheduler.MultiStepLR}
 */
export function multiStepDecay(options: MultiStepDecayOptions): Schedule {
  const fn = 'multiStepDecay';
  const { initial, milestones, gamma } = multiStepDecayOptions(options, fn);
  finite(fn, 'initial', initial);
  finite(fn, 'gamma', gamma);
  if (!Array.isArray(milestones)) {
    throw new TypeError(`${fn}: milestones must be an array of integers, got ${show(milestones)}`);
  }
  milestones.forEach((m, i) => {
    if (!Number.isInteger(m) || m < 0) {
      throw new RangeError(`${fn}: milestones must hold integers >= 0, got ${show(milestones)}`);
    }
    if (i > 0 && m < milestones[i - 1]!) {
      throw new RangeError(
        `${fn}: milestones must be sorted in non-decreasing order, got ${show(milestones)}`,
      );
    }
  });
  const ms = milestones.slice();
  return (step) => {
    checkStep(fn, step);
    let n = 0;
    while (n < ms.length && ms[n]! <= step) n++;
    return initial * gamma ** n;
  };
}
