import { defineOptions } from '@dl/internal';
import { named } from './_named';
import { scheduleFreeSgdRule } from './_rulesExtra';
import type { NamedOptimizer } from './NamedOptimizer';
import type { Hyperparameter } from './types';

/** Options of {@link scheduleFreeSgd}. */
export interface ScheduleFreeSgdOptions {
  /**
   * The learning rate $\gamma$.
   * @defaultValue 1
   */
  lr?: Hyperparameter;
  /**
   * The interpolation $\beta$ between $z$ and $x$, in [0, 1).
   * @defaultValue 0.9
   */
  momentum?: Hyperparameter;
  /**
   * Weight decay $\lambda$, applied at $y_t$.
   * @defaultValue 0
   */
  weightDecay?: Hyperparameter;
  /**
   * Linear warmup of $\gamma$ over this many steps.
   * @defaultValue 0
   */
  warmupSteps?: number;
}

const read = defineOptions<ScheduleFreeSgdOptions>()('scheduleFreeSgd', {
  lr: 1,
  momentum: 0.9,
  weightDecay: 0,
  warmupSteps: 0,
});

/**
 * Schedule-free SGD: the parameters hold $y_t$; `scheduleFreeEvalParams` gives the averaged point $x_t$.
 *
 * $$z_{t+1} = z_t - \gamma_t(g_t + \lambda y_t),\quad c_{t+1} = \frac{\gamma_t^2}{\sum_{i\le t}\gamma_i^2},\quad
 * x_{t+1} = (1-c_{t+1})x_t + c_{t+1}z_{t+1},\quad y_{t+1} = (1-\beta)z_{t+1} + \beta x_{t+1}$$
 *
 * One pass per parameter per step (float32 parameters round the stored values to float32; their steps run in
 * a WebAssembly SIMD kernel, bit for bit the JavaScript loop). No PyTorch 1.13
 * counterpart: the tests compare it with a float64 reference of the paper's equations (`scripts/reference.py`).
 * Hyperparameters typed `Hyperparameter` take a number or a schedule. Use it as a transformation or with
 * `createOptimizer`.
 *
 * @param options - the hyperparameters; see {@link ScheduleFreeSgdOptions}.
 * @returns the optimizer as a {@link NamedOptimizer}.
 * @example
 * ```ts
 * import { applyUpdates, scheduleFreeSgd } from '@dl/optim';
 * const params = { w: new Float32Array([1, 2]) };
 * const opt = scheduleFreeSgd({ lr: 0.1 });
 * const [updates] = opt.update({ w: new Float32Array([0.5, -0.5]) }, opt.init(params), params);
 * applyUpdates(params, updates);
 * params.w[0]; // 0.95
 * params.w[1]; // 2.05
 * ```
 * @see Defazio et al. 2024, "The Road Less Scheduled", equations (1)-(3).
 */
export function scheduleFreeSgd(options?: ScheduleFreeSgdOptions): NamedOptimizer<ScheduleFreeSgdOptions> {
  const o = read(options);
  scheduleFreeSgdRule.check('scheduleFreeSgd', o as unknown as Record<string, unknown>);
  return named<ScheduleFreeSgdOptions>(scheduleFreeSgdRule, o as Required<ScheduleFreeSgdOptions>);
}
