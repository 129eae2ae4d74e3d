import { defineOptions } from '@dl/internal';
import { named } from './_named';
import { scheduleFreeAdamwRule } from './_rulesExtra';
import type { NamedOptimizer } from './NamedOptimizer';
import type { Hyperparameter } from './types';

/** Options of {@link scheduleFreeAdamw}. */
export interface ScheduleFreeAdamwOptions {
  /**
   * The learning rate $\gamma$ (the reference implementation's default).
   * @defaultValue 0.0025
   */
  lr?: Hyperparameter;
  /**
   * $(\beta_1, \beta_2)$: the interpolation between $z$ and $x$, and the second-moment decay.
   * @defaultValue [0.9, 0.999]
   */
  betas?: readonly [Hyperparameter, Hyperparameter];
  /**
   * $\epsilon$ added to $\sqrt{v_t}$.
   * @defaultValue 1e-8
   */
  eps?: number;
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

const read = defineOptions<ScheduleFreeAdamwOptions>()('scheduleFreeAdamw', {
  lr: 0.0025,
  betas: [0.9, 0.999],
  eps: 1e-8,
  weightDecay: 0,
  warmupSteps: 0,
});

/**
 * Schedule-free AdamW: no learning-rate schedule needed; the parameters hold the gradient point $y_t$, and `scheduleFreeEvalParams` gives the averaged point $x_t$ to evaluate.
 *
 * $$\gamma_t = \gamma\sqrt{1-\beta_2^t}\min(1, t/T_w),\quad
 * z_{t+1} = z_t - \gamma_t\Big(\frac{g_t}{\sqrt{v_t}+\epsilon} + \lambda y_t\Big),\quad
 * c_{t+1} = \frac{\gamma_t^2}{\sum_{i\le t}\gamma_i^2},$$
 * $$x_{t+1} = (1-c_{t+1})x_t + c_{t+1}z_{t+1},\quad y_{t+1} = (1-\beta_1)z_{t+1} + \beta_1 x_{t+1}$$
 *
 * One pass per parameter per step (float32 parameters round the stored values to float32; their steps run in
 * a WebAssembly SIMD kernel, bit for bit the JavaScript loop). No PyTorch 1.13
 * counterpart: the tests compare it with a float64 reference of the paper's equations (`scripts/reference.py`).
 * Hyperparameters typed `Hyperparameter` take a number or a schedule. Use it as a transformation or with
 * `createOptimizer`.
 *
 * @param options - the hyperparameters; see {@link ScheduleFreeAdamwOptions}.
 * @returns the optimizer as a {@link NamedOptimizer}.
 * @example
 * ```ts
 * import { applyUpdates, scheduleFreeAdamw } from '@dl/optim';
 * const params = { w: new Float32Array([1, 2]) };
 * const opt = scheduleFreeAdamw({ lr: 0.1 });
 * const [updates] = opt.update({ w: new Float32Array([0.5, -0.5]) }, opt.init(params), params);
 * applyUpdates(params, updates);
 * params.w[0]; // 0.9
 * params.w[1]; // 2.1
 * ```
 * @see Defazio et al. 2024, "The Road Less Scheduled", Algorithm 1.
 */
export function scheduleFreeAdamw(
  options?: ScheduleFreeAdamwOptions,
): NamedOptimizer<ScheduleFreeAdamwOptions> {
  const o = read(options);
  scheduleFreeAdamwRule.check('scheduleFreeAdamw', o as unknown as Record<string, unknown>);
  return named<ScheduleFreeAdamwOptions>(scheduleFreeAdamwRule, o as Required<ScheduleFreeAdamwOptions>);
}
