import { defineOptions } from '@dl/internal';
import type { Schedule } from './types';
import { checkStep, finite, isFunction, oneOf, positive } from './validate';

/** Options of {@link cyclic} and {@link cyclicMomentum}. */
export interface CyclicOptions {
  /** The lower bound of the value (PyTorch's `base_lr`). Required. */
  baseLr: number;
  /** The upper bound of the cycle before scaling (PyTorch's `max_lr`). Required. */
  maxLr: number;
  /**
   * The number of steps in the increasing half of a cycle.
   * @defaultValue 2000
   */
  stepSizeUp?: number;
  /**
   * The number of steps in the decreasing half of a cycle.
   * @defaultValue `stepSizeUp`
   */
  stepSizeDown?: number;
  /**
   * The amplitude policy: `'triangular'` (constant), `'triangular2'` (halved every cycle) or `'exp_range'`
   * (scaled by $\gamma^{t}$). Ignored when `scaleFn` is given.
   * @defaultValue 'triangular'
   */
  mode?: 'triangular' | 'triangular2' | 'exp_range';
  /**
   * The base of the `'exp_range'` scaling.
   * @defaultValue 1
   */
  gamma?: number;
  /**
   * A custom amplitude scaling, called with the cycle number (from 1) or the step, see `scaleMode`.
   * @defaultValue undefined (use `mode`)
   */
  scaleFn?: (x: number) => number;
  /**
   * What `scaleFn` receives: `'cycle'` or `'iterations'` (the step). Only used with `scaleFn`.
   * @defaultValue 'cycle'
   */
  scaleMode?: 'cycle' | 'iterations';
  /**
   * The lower bound of the momentum cycle ({@link cyclicMomentum} only).
   * @defaultValue 0.8
   */
  baseMomentum?: number;
  /**
   * The upper bound of the momentum cycle ({@link cyclicMomentum} only).
   * @defaultValue 0.9
   */
  maxMomentum?: number;
}

/** @internal The checker of {@link CyclicOptions}: its option names and defaults. */
export const cyclicOptions = /* @__PURE__ */ defineOptions<CyclicOptions>()('cyclic', {
  baseLr: undefined,
  maxLr: undefined,
  stepSizeUp: 2000,
  stepSizeDown: undefined,
  mode: 'triangular',
  gamma: 1,
  scaleFn: undefined,
  scaleMode: 'cycle',
  baseMomentum: 0.8,
  maxMomentum: 0.9,
});

/** Internal: validates the options and returns `(step) => [h, s]`: the position in the cycle and the amplitude scale. */
export function cyclicHeight(fn: string, options: CyclicOptions): (step: number) => [number, number] {
  const { baseLr, maxLr, stepSizeUp, stepSizeDown, mode, gamma, scaleFn, scaleMode } = cyclicOptions(
    options,
    fn,
  );
  finite(fn, 'baseLr', baseLr);
  finite(fn, 'maxLr', maxLr);
  positive(fn, 'stepSizeUp', stepSizeUp);
  const down = stepSizeDown ?? stepSizeUp;
  positive(fn, 'stepSizeDown', down);
  finite(fn, 'gamma', gamma);
  let scale: (x: number) => number;
  let byCycle = true;
  if (scaleFn !== undefined) {
    scale = isFunction(fn, 'scaleFn', scaleFn);
    byCycle = oneOf(fn, 'scaleMode', scaleMode, ['cycle', 'iterations']) === 'cycle';
  } else {
    oneOf(fn, 'mode', mode, ['triangular', 'triangular2', 'exp_range']);
    byCycle = mode !== 'exp_range';
    scale =
      mode === 'triangular' ? () => 1 : mode === 'triangular2' ? (x) => 1 / 2 ** (x - 1) : (x) => gamma ** x;
  }
  const total = stepSizeUp + down;
  const ratio = stepSizeUp / total;
  return (step) => {
    checkStep(fn, step);
    const cycle = Math.floor(1 + step / total);
    const x = 1 + step / total - cycle;
    const factor = x <= ratio ? x / ratio : (x - 1) / (ratio - 1);
    return [factor, scale(byCycle ? cycle : step)];
  };
}

/**
 * A cyclical value between `baseLr` and `maxLr` (PyTorch's `CyclicLR`; Smith's cyclical learning rates).
 *
 * With $S$ = `stepSizeUp + stepSizeDown`, $r$ = `stepSizeUp / S`:
 * $$c = \lfloor 1 + t/S \rfloor,\quad x = 1 + t/S - c,\quad h = \begin{cases} x/r & x \le r \\ (x-1)/(r-1) & x > r\end{cases}$$
 * $$f(t) = \text{baseLr} + (\text{maxLr} - \text{baseLr})\, h\, s$$
 * with $s = 1$ (`'triangular'`), $s = 2^{1-c}$ (`'triangular2'`) or $s = \gamma^{t}$ (`'exp_range'`).
 * PyTorch also cycles the momentum by default (`cycle_momentum=True`): that is {@link cyclicMomentum}, schedule it
 * with the driver ({@link createScheduler}) next to this one.
 *
 * @param options - the bounds, the half-cycle lengths and the amplitude policy.
 * @returns the {@link Schedule}.
 * @example
 * ```ts
 * import { cyclic } from '@dl/schedule';
 * const lr = cyclic({ baseLr: 0.001, maxLr: 0.01, stepSizeUp: 10 });
 * lr(0); // 0.001
 * lr(10); // 0.01
 * lr(15); // 0.0055
 * lr(20); // 0.001
 * ```
 * @see {@link https://pytorch.org/docs/1.13/generated/torch.optim.lr_scheduler.CyclicLR.html | torch.optim.lr_scheduler.CyclicLR}
 * @see {@link https://arxiv.org/abs/1506.01186 | Smith, Cyclical Learning Rates for Training Neural Networks (2017)}
 */
export function cyclic(options: CyclicOptions): Schedule {
  const height = cyclicHeight('cyclic', options);
  const { baseLr, maxLr } = cyclicOptions(options, 'cyclic');
  return (step) => {
    const [factor, scale] = height(step);
    return baseLr + (maxLr - baseLr) * factor * scale;
  };
}
