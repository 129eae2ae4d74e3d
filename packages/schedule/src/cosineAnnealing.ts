import { defineOptions } from '@dl/internal';
import type { Schedule } from './types';
import { checkStep, finite, integer, oneOf } from './validate';

/** Options of {@link cosineAnnealing}. */
export interface CosineAnnealingOptions {
  /**
   * The base value (e.g. the optimizer's learning rate), reached at step 0.
   * @defaultValue 1
   */
  initial?: number;
  /** The half period: the number of steps from `initial` down to `etaMin` (an integer >= 1). Required, as in PyTorch. */
  tMax: number;
  /**
   * The minimum value.
   * @defaultValue 0
   */
  etaMin?: number;
  /**
   * What happens after `tMax`. `'periodic'` reproduces PyTorch: its recursive update makes the value rise again,
   * a cosine of period `2 tMax`, and at integer steps this schedule replays that recursion so the values match
   * `CosineAnnealingLR.get_last_lr()` bit for bit (closed form at fractional steps). `'clamped'` stays at
   * `etaMin` after `tMax`, like optax and Keras (closed form everywhere).
   * @defaultValue 'periodic'
   */
  mode?: 'periodic' | 'clamped';
}

/** @internal The checker of {@link CosineAnnealingOptions}: its option names and defaults. */
export const cosineAnnealingOptions = /* @__PURE__ */ defineOptions<CosineAnnealingOptions>()(
  'cosineAnnealing',
  {
    initial: 1,
    tMax: undefined,
    etaMin: 0,
    mode: 'periodic',
  },
);

/**
 * Cosine annealing from `initial` to `etaMin` over `tMax` steps (PyTorch's `CosineAnnealingLR`, SGDR without restarts).
 *
 * $$f(t) = \eta_{min} + \frac{\text{initial} - \eta_{min}}{2}\left(1 + \cos\frac{\pi t}{T_{max}}\right)$$
 *
 * In `'clamped'` mode $t$ is replaced by $\min(t, T_{max})$. In `'periodic'` mode (the default, PyTorch's
 * behaviour) the formula continues past $T_{max}$, so the value climbs back to `initial` at $2T_{max}$. PyTorch
 * computes it recursively, $\eta_t = \frac{1 + \cos(\pi t / T)}{1 + \cos(\pi (t-1)/T)}(\eta_{t-1} - \eta_{min}) + \eta_{min}$;
 * at integer steps this schedule evaluates the same recursion (cost O(1) per step when called in order,
 * O(t) for a random access) so the values equal PyTorch's, rounding included.
 *
 * @param options - the base value, the half period, the minimum and the behaviour after `tMax`.
 * @returns the {@link Schedule}.
 * @example
 * ```ts
 * import { cosineAnnealing } from '@dl/schedule';
 * const lr = cosineAnnealing({ initial: 0.1, tMax: 10 });
 * lr(5); // 0.05
 * lr(10); // 0
 * lr(15); // 0.05
 * cosineAnnealing({ initial: 0.1, tMax: 10, mode: 'clamped' })(15); // 0
 * ```
 * @see {@link https://pytorch.org/docs/1.13/generated/torch.optim.lr_scheduler.CosineAnnealingLR.html | torch.optim.lr_scheduler.CosineAnnealingLR}
 * @see {@link https://arxiv.org/abs/1608.03983 | Loshchilov & Hutter, SGDR (2017)}
 */
export function cosineAnnealing(options: CosineAnnealingOptions): Schedule {
  const fn = 'cosineAnnealing';
  const { initial, tMax, etaMin, mode } = cosineAnnealingOptions(options, fn);
  finite(fn, 'initial', initial);
  integer(fn, 'tMax', tMax, 1);
  finite(fn, 'etaMin', etaMin);
  oneOf(fn, 'mode', mode, ['periodic', 'clamped']);
  const closed = (t: number) => etaMin + ((initial - etaMin) * (1 + Math.cos((Math.PI * t) / tMax))) / 2;
  if (mode === 'clamped') {
    return (step) => {
      checkStep(fn, step);
      return closed(Math.min(step, tMax));
    };
  }
  // The last value of PyTorch's recursion that was computed: a cache, invisible from outside.
  let lastStep = 0;
  let lastValue = initial;
  return (step) => {
    checkStep(fn, step);
    if (!Number.isInteger(step)) return closed(step);
    if (step < lastStep) {
      lastStep = 0;
      lastValue = initial;
    }
    while (lastStep < step) {
      const t = ++lastStep;
      lastValue =
        (t - 1 - tMax) % (2 * tMax) === 0
          ? lastValue + ((initial - etaMin) * (1 - Math.cos(Math.PI / tMax))) / 2
          : ((1 + Math.cos((Math.PI * t) / tMax)) / (1 + Math.cos((Math.PI * (t - 1)) / tMax))) *
              (lastValue - etaMin) +
            etaMin;
    }
    return lastValue;
  };
}
