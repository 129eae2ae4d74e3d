import { defineOptions } from '@dl/internal';
import type { Schedule } from './types';
import { checkStep, finite, integer, positive } from './validate';

/** Options of {@link warmupCosineDecay}. */
export interface WarmupCosineDecayOptions {
  /**
   * The value at step 0 (optax's `init_value`).
   * @defaultValue 0
   */
  initial?: number;
  /** The value at the end of the warmup (optax's `peak_value`). Required. */
  peak: number;
  /** The number of linear warmup steps (an integer >= 0). Required. */
  warmupSteps: number;
  /** The TOTAL number of steps, warmup INCLUDED (optax's `decay_steps`); > `warmupSteps`. Required. */
  totalSteps: number;
  /**
   * The value at `totalSteps` and after (optax's `end_value`).
   * @defaultValue 0
   */
  final?: number;
  /**
   * The exponent applied to the cosine factor.
   * @defaultValue 1
   */
  exponent?: number;
}

/** @internal The checker of {@link WarmupCosineDecayOptions}: its option names and defaults. */
export const warmupCosineDecayOptions = /* @__PURE__ */ defineOptions<WarmupCosineDecayOptions>()(
  'warmupCosineDecay',
  {
    initial: 0,
    peak: undefined,
    warmupSteps: undefined,
    totalSteps: undefined,
    final: 0,
    exponent: 1,
  },
);

/**
 * Linear warmup then cosine decay, the warmup counted INSIDE the total (optax's `warmup_cosine_decay_schedule`).
 *
 * With $W$ = `warmupSteps`, $T$ = `totalSteps`, $D = T - W$, $\alpha$ = `final / peak`:
 * $$f(t) = \begin{cases} \text{initial} + (\text{peak} - \text{initial})\,t/W & t < W \\ \text{peak}\left((1 - \alpha)\left(\tfrac{1}{2}(1 + \cos\frac{\pi \min(t - W, D)}{D})\right)^{e} + \alpha\right) & t \ge W\end{cases}$$
 *
 * The run ends at `totalSteps`. Compare {@link warmupThenCosineDecay} (Keras' convention), where the warmup is
 * added ON TOP of `decaySteps`: the option names differ (`totalSteps` vs `decaySteps`) so the two cannot be
 * swapped silently.
 *
 * @param options - the start, peak and final values and the two lengths.
 * @returns the {@link Schedule}.
 * @example
 * ```ts
 * import { warmupCosineDecay } from '@dl/schedule';
 * const lr = warmupCosineDecay({ peak: 0.1, warmupSteps: 10, totalSteps: 100 });
 * lr(0); // 0
 * lr(10); // 0.1
 * lr(55); // 0.05
 * lr(100); // 0
 * ```
 * @see {@link https://optax.readthedocs.io/en/latest/api/optimizer_schedules.html | optax.warmup_cosine_decay_schedule}
 */
export function warmupCosineDecay(options: WarmupCosineDecayOptions): Schedule {
  const fn = 'warmupCosineDecay';
  const { initial, peak, warmupSteps, totalSteps, final, exponent } = warmupCosineDecayOptions(options, fn);
  finite(fn, 'initial', initial);
  finite(fn, 'peak', peak);
  integer(fn, 'warmupSteps', warmupSteps, 0);
  integer(fn, 'totalSteps', totalSteps, warmupSteps + 1);
  finite(fn, 'final', final);
  positive(fn, 'exponent', exponent);
  const alpha = peak === 0 ? 0 : final / peak;
  const decaySteps = totalSteps - warmupSteps;
  return (step) => {
    checkStep(fn, step);
    if (step < warmupSteps) return (initial - peak) * (1 - step / warmupSteps) + peak;
    const t = Math.min(step - warmupSteps, decaySteps);
    return peak * ((1 - alpha) * (0.5 * (1 + Math.cos((Math.PI * t) / decaySteps))) ** exponent + alpha);
  };
}
