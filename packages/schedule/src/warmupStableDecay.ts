import { defineOptions } from '@dl/internal';
import type { Schedule } from './types';
import { checkStep, finite, integer, oneOf } from './validate';

/** Options of {@link warmupStableDecay}. */
export interface WarmupStableDecayOptions {
  /**
   * The value of the stable phase (the peak).
   * @defaultValue 1
   */
  initial?: number;
  /** The number of linear warmup steps, from 0 to `initial` (an integer >= 0). Required. */
  warmupSteps: number;
  /** The number of steps at `initial` (an integer >= 0). Required. */
  stableSteps: number;
  /** The number of decay steps, from `initial` to `final` (an integer >= 1). Required. */
  decaySteps: number;
  /**
   * The shape of the decay: `'linear'`, `'cosine'` or `'1-sqrt'`.
   * @defaultValue '1-sqrt'
   */
  decay?: 'linear' | 'cosine' | '1-sqrt';
  /**
   * The value at the end of the decay and after.
   * @defaultValue 0
   */
  final?: number;
}

/** @internal The checker of {@link WarmupStableDecayOptions}: its option names and defaults. */
export const warmupStableDecayOptions = /* @__PURE__ */ defineOptions<WarmupStableDecayOptions>()(
  'warmupStableDecay',
  {
    initial: 1,
    warmupSteps: undefined,
    stableSteps: undefined,
    decaySteps: undefined,
    decay: '1-sqrt',
    final: 0,
  },
);

/**
 * Warmup-stable-decay (WSD, "trapezoidal"): linear warmup, a long constant phase, then a short decay.
 *
 * With $W, S, D$ the three lengths and $p = (t - W - S)/D$ during the decay:
 * $$f(t) = \begin{cases} \text{initial}\cdot t/W & t < W \\ \text{initial} & t < W + S \\ \text{final} + (\text{initial} - \text{final})\,d(\min(p, 1)) & \text{otherwise}\end{cases}$$
 * with $d(p) = 1 - p$ (`'linear'`), $\frac{1}{2}(1 + \cos \pi p)$ (`'cosine'`) or $1 - \sqrt{p}$ (`'1-sqrt'`).
 * The warmup starts at 0 at step 0, as in Hugging Face's `get_wsd_schedule`.
 *
 * @param options - the peak, the three phase lengths, the decay shape and the final value.
 * @returns the {@link Schedule}.
 * @example
 * ```ts
 * import { warmupStableDecay } from '@dl/schedule';
 * const lr = warmupStableDecay({ initial: 1e-3, warmupSteps: 10, stableSteps: 80, decaySteps: 10, decay: 'linear' });
 * lr(5); // 0.0005
 * lr(50); // 0.001
 * lr(95); // 0.0005
 * lr(100); // 0
 * ```
 * @see {@link https://arxiv.org/abs/2405.18392 | Hägele et al., Scaling Laws and Compute-Optimal Training Beyond Fixed Training Durations (2024)}
 */
export function warmupStableDecay(options: WarmupStableDecayOptions): Schedule {
  const fn = 'warmupStableDecay';
  const { initial, warmupSteps, stableSteps, decaySteps, decay, final } = warmupStableDecayOptions(
    options,
    fn,
  );
  finite(fn, 'initial', initial);
  integer(fn, 'warmupSteps', warmupSteps, 0);
  integer(fn, 'stableSteps', stableSteps, 0);
  integer(fn, 'decaySteps', decaySteps, 1);
  oneOf(fn, 'decay', decay, ['linear', 'cosine', '1-sqrt']);
  finite(fn, 'final', final);
  const shape =
    decay === 'linear'
      ? (p: number) => 1 - p
      : decay === 'cosine'
        ? (p: number) => 0.5 * (1 + Math.cos(Math.PI * p))
        : (p: number) => 1 - Math.sqrt(p);
  return (step) => {
    checkStep(fn, step);
    if (step < warmupSteps) return (initial * step) / warmupSteps;
    if (step < warmupSteps + stableSteps) return initial;
    const p = Math.min((step - warmupSteps - stableSteps) / decaySteps, 1);
    return final + (initial - final) * shape(p);
  };
}
