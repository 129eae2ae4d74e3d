import { defineOptions } from '@dl/internal';
import type { Schedule } from './types';
import { checkStep, finite, integer } from './validate';

/** Options of {@link warmupThenCosineDecay}. */
export interface WarmupThenCosineDecayOptions {
  /**
   * The value at step 0 (Keras' `initial_learning_rate`).
   * @defaultValue 0
   */
  initial?: number;
  /** The value at the end of the warmup (Keras' `warmup_target`). Required. */
  peak: number;
  /** The number of linear warmup steps (an integer >= 0). Required. */
  warmupSteps: number;
  /** The number of decay steps AFTER the warmup (Keras' `decay_steps`); the run lasts `warmupSteps + decaySteps`. Required. */
  decaySteps: number;
  /**
   * The final value as a fraction of `peak` (Keras' `alpha`).
   * @defaultValue 0
   */
  alpha?: number;
}

/** @internal The checker of {@link WarmupThenCosineDecayOptions}: its option names and defaults. */
export const warmupThenCosineDecayOptions = /* @__PURE__ */ defineOptions<WarmupThenCosineDecayOptions>()(
  'warmupThenCosineDecay',
  { initial: 0, peak: undefined, warmupSteps: undefined, decaySteps: undefined, alpha: 0 },
);

/**
 * Linear warmup then cosine decay, the warmup added ON TOP of the decay (Keras' `CosineDecay` with `warmup_target`).
 *
 * With $W$ = `warmupSteps`, $D$ = `decaySteps`:
 * $$f(t) = \begin{cases} \text{initial} + (\text{peak} - \text{initial})\,t/W & t < W \\ \text{peak}\left((1 - \alpha)\tfrac{1}{2}\left(1 + \cos\frac{\pi \min(t - W, D)}{D}\right) + \alpha\right) & t \ge W\end{cases}$$
 *
 * The run ends at `warmupSteps + decaySteps`. Compare {@link warmupCosineDecay} (optax's convention, warmup
 * inside `totalSteps`).
 *
 * @param options - the start and peak values, the two lengths and the final fraction.
 * @returns the {@link Schedule}.
 * @example
 * ```ts
 * import { warmupThenCosineDecay } from '@dl/schedule';
 * const lr = warmupThenCosineDecay({ peak: 0.1, warmupSteps: 10, decaySteps: 100 });
 * lr(10); // 0.1
 * lr(60); // 0.05
 * lr(110); // 0
 * ```
 * @see {@link https://keras.io/api/optimizers/learning_rate_schedules/cosine_decay/ | keras.optimizers.schedules.CosineDecay}
 */
export function warmupThenCosineDecay(options: WarmupThenCosineDecayOptions): Schedule {
  const fn = 'warmupThenCosineDecay';
  const { initial, peak, warmupSteps, decaySteps, alpha } = warmupThenCosineDecayOptions(options, fn);
  finite(fn, 'initial', initial);
  finite(fn, 'peak', peak);
  integer(fn, 'warmupSteps', warmupSteps, 0);
  integer(fn, 'decaySteps', decaySteps, 1);
  finite(fn, 'alpha', alpha);
  return (step) => {
    checkStep(fn, step);
    if (step < warmupSteps) return (peak - initial) * (step / warmupSteps) + initial;
    const t = Math.min(step - warmupSteps, decaySteps);
    return peak * ((1 - alpha) * (0.5 * (1 + Math.cos((Math.PI * t) / decaySteps))) + alpha);
  };
}
