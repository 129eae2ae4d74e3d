import { defineOptions } from '@dl/internal';
import type { Schedule } from './types';
import { checkStep, finite, integer } from './validate';

/** Options of {@link polynomialDecay}. */
export interface PolynomialDecayOptions {
  /**
   * The base value (e.g. the optimizer's learning rate).
   * @defaultValue 1 (the schedule then returns PyTorch's multiplicative factor)
   */
  initial?: number;
  /**
   * The number of steps to decay over; the value is 0 from then on.
   * @defaultValue 5
   */
  totalIters?: number;
  /**
   * The power of the polynomial.
   * @defaultValue 1
   */
  power?: number;
}

/** @internal The checker of {@link PolynomialDecayOptions}: its option names and defaults. */
export const polynomialDecayOptions = /* @__PURE__ */ defineOptions<PolynomialDecayOptions>()(
  'polynomialDecay',
  {
    initial: 1,
    totalIters: 5,
    power: 1,
  },
);

/**
 * A value decayed polynomially to 0 over `totalIters` steps (PyTorch's `PolynomialLR`).
 *
 * $$f(t) = \text{initial}\left(1 - \frac{\min(t, T)}{T}\right)^{p}$$
 *
 * @param options - the base value, the length and the power.
 * @returns the {@link Schedule}.
 * @example
 * ```ts
 * import { polynomialDecay } from '@dl/schedule';
 * const lr = polynomialDecay({ initial: 0.1, totalIters: 4, power: 2 });
 * lr(2); // 0.025
 * lr(9); // 0
 * ```
 * @see {@link https://pytorch.org/docs/1.13/generated/torch.optim.lr_scheduler.PolynomialLR.html | torch.optim.lr_scheduler.PolynomialLR}
 */
export function polynomialDecay(options: PolynomialDecayOptions = {}): Schedule {
  const fn = 'polynomialDecay';
  const { initial, totalIters, power } = polynomialDecayOptions(options, fn);
  finite(fn, 'initial', initial);
  integer(fn, 'totalIters', totalIters, 1);
  finite(fn, 'power', power);
  return (step) => {
    checkStep(fn, step);
    return initial * (1 - Math.min(step, totalIters) / totalIters) ** power;
  };
}
