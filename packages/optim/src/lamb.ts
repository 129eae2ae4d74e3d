import { defineOptions } from '@dl/internal';
import { named } from './_named';
import { lambRule } from './_rulesExtra';
import type { NamedOptimizer } from './NamedOptimizer';
import type { Hyperparameter } from './types';

/** Options of {@link lamb}. */
export interface LambOptions {
  /**
   * The learning rate $\eta$.
   * @defaultValue 0.001
   */
  lr?: Hyperparameter;
  /**
   * $(\beta_1, \beta_2)$, each in [0, 1).
   * @defaultValue [0.9, 0.999]
   */
  betas?: readonly [Hyperparameter, Hyperparameter];
  /**
   * $\epsilon$ added to $\sqrt{\hat v_t}$.
   * @defaultValue 1e-6
   */
  eps?: number;
  /**
   * Weight decay $\lambda$ added to the Adam direction before the trust ratio.
   * @defaultValue 0
   */
  weightDecay?: Hyperparameter;
}

const read = defineOptions<LambOptions>()('lamb', {
  lr: 0.001,
  betas: [0.9, 0.999],
  eps: 1e-6,
  weightDecay: 0,
});

/**
 * LAMB: Adam's direction plus weight decay, rescaled per parameter tensor by the trust ratio $\lVert\theta\rVert/\lVert r\rVert$ (large-batch training).
 *
 * $$r_t = \frac{\hat m_t}{\sqrt{\hat v_t} + \epsilon} + \lambda\theta_{t-1},\qquad
 * \theta_t = \theta_{t-1} - \eta\,\frac{\lVert\theta_{t-1}\rVert_2}{\lVert r_t\rVert_2}\,r_t$$
 * (ratio 1 when either norm is 0).
 *
 * Two passes per parameter per step: the moments with the norms of the parameter and of the update, then the
 * update (float32 parameters round the stored values to float32; both passes run in WebAssembly SIMD kernels, bit
 * for bit the JavaScript loops; the norms are summed lane by lane, i mod 4). No PyTorch 1.13
 * counterpart: the tests compare it with a float64 reference of the paper's equations (`scripts/reference.py`).
 * Hyperparameters typed `Hyperparameter` take a number or a schedule. Use it as a transformation or with
 * `createOptimizer`.
 *
 * @param options - the hyperparameters; see {@link LambOptions}.
 * @returns the optimizer as a {@link NamedOptimizer}.
 * @example
 * ```ts
 * import { applyUpdates, lamb } from '@dl/optim';
 * const params = { w: new Float32Array([1, 2]) };
 * const opt = lamb({ lr: 0.1 });
 * const [updates] = opt.update({ w: new Float32Array([0.5, -0.5]) }, opt.init(params), params);
 * applyUpdates(params, updates);
 * params.w[0]; // 0.84189
 * params.w[1]; // 2.15811
 * ```
 * @see You et al. 2020, "Large Batch Optimization for Deep Learning: Training BERT in 76 minutes", Algorithm 2.
 */
export function lamb(options?: LambOptions): NamedOptimizer<LambOptions> {
  const o = read(options);
  lambRule.check('lamb', o as unknown as Record<string, unknown>);
  return named<LambOptions>(lambRule, o as Required<LambOptions>);
}
