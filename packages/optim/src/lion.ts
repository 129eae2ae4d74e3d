import { defineOptions } from '@dl/internal';
import { named } from './_named';
import { lionRule } from './_rulesExtra';
import type { NamedOptimizer } from './NamedOptimizer';
import type { Hyperparameter } from './types';

/** Options of {@link lion}. */
export interface LionOptions {
  /**
   * The learning rate $\eta$ (3-10x smaller than AdamW's, as the paper advises).
   * @defaultValue 0.0001
   */
  lr?: Hyperparameter;
  /**
   * $(\beta_1, \beta_2)$: the interpolation for the update and the momentum decay, each in [0, 1).
   * @defaultValue [0.9, 0.99]
   */
  betas?: readonly [Hyperparameter, Hyperparameter];
  /**
   * Decoupled weight decay $\lambda$ (scaled by $\eta$).
   * @defaultValue 0
   */
  weightDecay?: Hyperparameter;
}

const read = defineOptions<LionOptions>()('lion', { lr: 0.0001, betas: [0.9, 0.99], weightDecay: 0 });

/**
 * Lion (EvoLved Sign Momentum): the sign of an interpolated momentum, one state array.
 *
 * $$c_t = \beta_1 m_{t-1} + (1-\beta_1) g_t,\quad \theta_t = \theta_{t-1} - \eta(\mathrm{sign}(c_t) + \lambda\theta_{t-1}),\quad
 * m_t = \beta_2 m_{t-1} + (1-\beta_2) g_t$$
 *
 * One pass per parameter per step (float32 parameters round the stored values to float32; their steps run in
 * a WebAssembly SIMD kernel, bit for bit the JavaScript loop). No PyTorch 1.13
 * counterpart: the tests compare it with a float64 reference of the paper's equations (`scripts/reference.py`).
 * Hyperparameters typed `Hyperparameter` take a number or a schedule. Use it as a transformation or with
 * `createOptimizer`.
 *
 * @param options - the hyperparameters; see {@link LionOptions}.
 * @returns the optimizer as a {@link NamedOptimizer}.
 * @example
 * ```ts
 * import { applyUpdates, lion } from '@dl/optim';
 * const params = { w: new Float32Array([1, 2]) };
 * const opt = lion({ lr: 0.1 });
 * const [updates] = opt.update({ w: new Float32Array([0.5, -0.5]) }, opt.init(params), params);
 * applyUpdates(params, updates);
 * params.w[0]; // 0.9
 * params.w[1]; // 2.1
 * ```
 * @see Chen et al. 2023, "Symbolic Discovery of Optimization Algorithms", Algorithm 2.
 */
export function lion(options?: LionOptions): NamedOptimizer<LionOptions> {
  const o = read(options);
  lionRule.check('lion', o as unknown as Record<string, unknown>);
  return named<LionOptions>(lionRule, o as Required<LionOptions>);
}
