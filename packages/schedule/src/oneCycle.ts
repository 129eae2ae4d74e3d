import { defineOptions } from '@dl/internal';
import type { Schedule } from './types';
import { checkStep, finite, inRange, integer, oneOf, positive } from './validate';

/** Options of {@link oneCycle} and {@link oneCycleMomentum}. */
export interface OneCycleOptions {
  /** The peak value (PyTorch's `max_lr`). Required. */
  maxLr: number;
  /** The number of steps in the cycle (an integer >= 1). Required unless `epochs` and `stepsPerEpoch` are given. */
  totalSteps?: number;
  /**
   * With `stepsPerEpoch`, gives `totalSteps = epochs × stepsPerEpoch` when `totalSteps` is not given.
   * @defaultValue undefined
   */
  epochs?: number;
  /**
   * See `epochs`.
   * @defaultValue undefined
   */
  stepsPerEpoch?: number;
  /**
   * The fraction of the cycle spent increasing; in (0, 1) (PyTorch also accepts 0 and 1).
   * @defaultValue 0.3
   */
  pctStart?: number;
  /**
   * The annealing curve: `'cos'` or `'linear'`.
   * @defaultValue 'cos'
   */
  annealStrategy?: 'cos' | 'linear';
  /**
   * The start value is `maxLr / divFactor`.
   * @defaultValue 25
   */
  divFactor?: number;
  /**
   * The final value is `maxLr / divFactor / finalDivFactor`.
   * @defaultValue 1e4
   */
  finalDivFactor?: number;
  /**
   * Use three phases (up, back down to the start value, then down to the final value) instead of two.
   * @defaultValue false
   */
  threePhase?: boolean;
  /**
   * The momentum at the peak of the value ({@link oneCycleMomentum} only).
   * @defaultValue 0.85
   */
  baseMomentum?: number;
  /**
   * The momentum at the start and the end ({@link oneCycleMomentum} only).
   * @defaultValue 0.95
   */
  maxMomentum?: number;
}

/** @internal The checker of {@link OneCycleOptions}: its option names and defaults. */
export const oneCycleOptions = /* @__PURE__ */ defineOptions<OneCycleOptions>()('oneCycle', {
  maxLr: undefined,
  totalSteps: undefined,
  epochs: undefined,
  stepsPerEpoch: undefined,
  pctStart: 0.3,
  annealStrategy: 'cos',
  divFactor: 25,
  finalDivFactor: 1e4,
  threePhase: false,
  baseMomentum: 0.85,
  maxMomentum: 0.95,
});

/** Internal: one phase, its end step and the indices (0 start, 1 peak, 2 final) of its start and end values. */
type Phase = [end: number, from: number, to: number, momentumFrom: number, momentumTo: number];

/** Internal: validates the options; returns `(step) => value` given the start, peak and final values. */
export function oneCycleCurve(
  fn: string,
  options: OneCycleOptions,
): (levels: number[], step: number) => number {
  const { maxLr, epochs, stepsPerEpoch, pctStart, annealStrategy, divFactor, finalDivFactor, threePhase } =
    oneCycleOptions(options, fn);
  let { totalSteps } = oneCycleOptions(options, fn);
  finite(fn, 'maxLr', maxLr);
  if (totalSteps === undefined) {
    if (epochs === undefined || stepsPerEpoch === undefined) {
      throw new TypeError(`${fn}: give totalSteps, or both epochs and stepsPerEpoch, got neither`);
    }
    totalSteps = integer(fn, 'epochs', epochs, 1) * integer(fn, 'stepsPerEpoch', stepsPerEpoch, 1);
  }
  integer(fn, 'totalSteps', totalSteps, 1);
  inRange(fn, 'pctStart', pctStart, 0, 1);
  oneOf(fn, 'annealStrategy', annealStrategy, ['cos', 'linear']);
  positive(fn, 'divFactor', divFactor);
  positive(fn, 'finalDivFactor', finalDivFactor);
  const n = totalSteps;
  // Levels: 0 = start (maxLr / divFactor), 1 = peak, 2 = final; momentum levels: 0 = max, 1 = base.
  const phases: Phase[] = threePhase
    ? [
        [pctStart * n - 1, 0, 1, 0, 1],
        [2 * pctStart * n - 2, 1, 0, 1, 0],
        [n - 1, 0, 2, 0, 0],
      ]
    : [
        [pctStart * n - 1, 0, 1, 0, 1],
        [n - 1, 1, 2, 1, 0],
      ];
  const anneal =
    annealStrategy === 'cos'
      ? (a: number, b: number, pct: number) => b + ((a - b) / 2) * (Math.cos(Math.PI * pct) + 1)
      : (a: number, b: number, pct: number) => (b - a) * pct + a;
  return (levels, step) => {
    checkStep(fn, step);
    if (step > n) throw new RangeError(`${fn}: step must be <= totalSteps (${n}), got ${step}`);
    let start = 0;
    for (let i = 0; i < phases.length; i++) {
      // indexed reads, not destructuring: no iterator per step
      const phase = phases[i]!;
      const end = phase[0]!;
      if (step <= end || i === phases.length - 1) {
        const pct = (step - start) / (end - start);
        return levels.length === 3
          ? anneal(levels[phase[1]!]!, levels[phase[2]!]!, pct)
          : anneal(levels[phase[3]!]!, levels[phase[4]!]!, pct);
      }
      start = end;
    }
    /* c8 ignore next */
    return Number.NaN;
  };
}

/**
 * The 1cycle policy: a warmup from `maxLr / divFactor` to `maxLr`, then an annealing to a much smaller value
 * (PyTorch's `OneCycleLR`).
 *
 * With $N$ = `totalSteps`, $p$ = `pctStart`, $\eta_0 = \text{maxLr}/\text{divFactor}$ and
 * $\eta_{end} = \eta_0/\text{finalDivFactor}$: the value anneals from $\eta_0$ to maxLr over steps $[0, pN - 1]$,
 * then to $\eta_{end}$ over $[pN - 1, N - 1]$, each with
 * $\text{cos}(a, b, x) = b + \frac{a - b}{2}(1 + \cos \pi x)$ or $\text{linear}(a, b, x) = a + (b - a)x$.
 * With `threePhase` the second phase returns to $\eta_0$ at $2pN - 2$ and a third goes to $\eta_{end}$ at $N - 1$.
 * As in PyTorch, step $N$ is still accepted (one step past the end, the count PyTorch reaches after its last
 * `scheduler.step()`); larger steps throw.
 *
 * @param options - the peak, the length and the shape.
 * @returns the {@link Schedule}.
 * @example
 * ```ts
 * import { oneCycle } from '@dl/schedule';
 * const lr = oneCycle({ maxLr: 0.1, totalSteps: 100 });
 * lr(0); // 0.004
 * lr(29); // 0.1
 * lr(99); // 4e-7
 * ```
 * @see {@link https://pytorch.org/docs/1.13/generated/torch.optim.lr_scheduler.OneCycleLR.html | torch.optim.lr_scheduler.OneCycleLR}
 * @see {@link https://arxiv.org/abs/1708.07120 | Smith & Topin, Super-Convergence (2017)}
 */
export function oneCycle(options: OneCycleOptions): Schedule {
  const curve = oneCycleCurve('oneCycle', options);
  const { maxLr, divFactor, finalDivFactor } = oneCycleOptions(options, 'oneCycle');
  const initial = maxLr / divFactor;
  const levels = [initial, maxLr, initial / finalDivFactor];
  return (step) => curve(levels, step);
}
