import { defineOptions } from '@dl/internal';
import type { Schedule } from './types';
import { checkStep, finite, integer } from './validate';

/** Options of {@link cosineAnnealingWarmRestarts}. */
export interface CosineAnnealingWarmRestartsOptions {
  /**
   * The base value (e.g. the optimizer's learning rate), restored at every restart.
   * @defaultValue 1
   */
  initial?: number;
  /** The length of the first cycle, in steps (an integer >= 1). Required, as in PyTorch. */
  t0: number;
  /**
   * The factor by which each cycle is longer than the previous one (an integer >= 1).
   * @defaultValue 1
   */
  tMult?: number;
  /**
   * The minimum value.
   * @defaultValue 0
   */
  etaMin?: number;
}

/** @internal The checker of {@link CosineAnnealingWarmRestartsOptions}: its option names and defaults. */
export const cosineAnnealingWarmRestartsOptions =
  /* @__PURE__ */ defineOptions<CosineAnnealingWarmRestartsOptions>()('cosineAnnealingWarmRestarts', {
    initial: 1,
    t0: undefined,
    tMult: 1,
    etaMin: 0,
  });

/**
 * Cosine annealing with warm restarts (SGDR; PyTorch's `CosineAnnealingWarmRestarts`).
 *
 * $$f(t) = \eta_{min} + \frac{\text{initial} - \eta_{min}}{2}\left(1 + \cos\frac{\pi T_{cur}}{T_i}\right)$$
 *
 * where cycle $i$ lasts $T_i = T_0 T_{mult}^i$ steps and $T_{cur}$ counts the steps since the last restart.
 * Fractional steps are allowed (PyTorch's `scheduler.step(epoch + i / iters)`): $T_{cur}$ is then fractional.
 *
 * @param options - the base value, the first cycle length, the growth factor and the minimum.
 * @returns the {@link Schedule}.
 * @example
 * ```ts
 * import { cosineAnnealingWarmRestarts } from '@dl/schedule';
 * const lr = cosineAnnealingWarmRestarts({ initial: 0.1, t0: 10, tMult: 2 });
 * lr(5); // 0.05
 * lr(10); // 0.1
 * lr(20); // 0.05
 * lr(2.5); // 0.0853553
 * ```
 * @see {@link https://pytorch.org/docs/1.13/generated/torch.optim.lr_scheduler.CosineAnnealingWarmRestarts.html | torch.optim.lr_scheduler.CosineAnnealingWarmRestarts}
 * @see {@link https://arxiv.org/abs/1608.03983 | Loshchilov & Hutter, SGDR (2017)}
 */
export function cosineAnnealingWarmRestarts(options: CosineAnnealingWarmRestartsOptions): Schedule {
  const fn = 'cosineAnnealingWarmRestarts';
  const { initial, t0, tMult, etaMin } = cosineAnnealingWarmRestartsOptions(options, fn);
  finite(fn, 'initial', initial);
  integer(fn, 't0', t0, 1);
  integer(fn, 'tMult', tMult, 1);
  finite(fn, 'etaMin', etaMin);
  return (step) => {
    checkStep(fn, step);
    let tCur = step % t0;
    let tI = t0;
    if (tMult > 1) {
      let start = 0; // the step of the last restart, an integer: one subtraction, as in PyTorch
      while (step >= start + tI) {
        start += tI;
        tI *= tMult;
      }
      tCur = step - start;
    }
    return etaMin + ((initial - etaMin) * (1 + Math.cos((Math.PI * tCur) / tI))) / 2;
  };
}
