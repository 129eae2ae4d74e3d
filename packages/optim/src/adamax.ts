import { defineOptions } from '@dl/internal';
import { named } from './_named';
import { adamaxRule } from './_rules';
import type { NamedOptimizer } from './NamedOptimizer';
import type { Hyperparameter } from './types';

/** Options of {@link adamax}: PyTorch's `torch.optim.Adamax` parameters in camelCase, with its defaults. */
export interface AdamaxOptions {
  /**
   * The learning rate $\eta$.
   * @defaultValue 0.002
   */
  lr?: Hyperparameter;
  /**
   * Decay rates $(\beta_1, \beta_2)$, each in [0, 1).
   * @defaultValue [0.9, 0.999]
   */
  betas?: readonly [Hyperparameter, Hyperparameter];
  /**
   * $\epsilon$ added to $|g_t|$ before the maximum.
   * @defaultValue 1e-8
   */
  eps?: number;
  /**
   * Coupled L2 penalty $\lambda$.
   * @defaultValue 0
   */
  weightDecay?: Hyperparameter;
  /**
   * Maximize the objective instead of minimizing it.
   * @defaultValue false
   */
  maximize?: boolean;
}

const read = defineOptions<AdamaxOptions>()('adamax', {
  lr: 0.002,
  betas: [0.9, 0.999],
  eps: 1e-8,
  weightDecay: 0,
  maximize: false,
});
const rule = adamaxRule;

/**
 * Adamax (Adam with the infinity norm), in PyTorch 1.13's update order.
 *
 * $$m_t = \beta_1 m_{t-1} + (1-\beta_1) g_t,\quad u_t = \max(\beta_2 u_{t-1}, |g_t| + \epsilon),\quad
 * \theta_t = \theta_{t-1} - \frac{\eta}{1-\beta_1^t}\frac{m_t}{u_t}$$
 *
 * One fused pass over each parameter per step; float32 parameters round every intermediate as PyTorch's float32
 * kernels do (equal to `torch.optim.Adamax` within 1e-6 after 100 steps). Hyperparameters typed
 * `Hyperparameter` take a number or a schedule `(step) => number`. Use it as a transformation (`init` /
 * `update`, in a `chain`) or run it in place over parameter groups with `createOptimizer`.
 *
 * @param options - the hyperparameters; see {@link AdamaxOptions}.
 * @returns the optimizer as a {@link NamedOptimizer}.
 * @example
 * ```ts
 * import { applyUpdates, adamax } from '@dl/optim';
 * const params = { w: new Float32Array([1, 2]) };
 * const opt = adamax({ lr: 0.1 });
 * const [updates, state] = opt.update({ w: new Float32Array([0.5, -0.5]) }, opt.init(params), params);
 * applyUpdates(params, updates);
 * params.w[0]; // 0.9
 * params.w[1]; // 2.1
 * state.count; // 1
 * ```
 * @see Kingma & Ba 2015, "Adam: A Method for Stochastic Optimization" (Section 7.1, Algorithm 2)
 * @see {@link https://pytorch.org/docs/1.13/generated/torch.optim.Adamax.html | PyTorch: torch.optim.Adamax}
 */
export function adamax(options?: AdamaxOptions): NamedOptimizer<AdamaxOptions> {
  const o = read(options);
  rule.check('adamax', o as unknown as Record<string, unknown>);
  return named<AdamaxOptions>(rule, o as Required<AdamaxOptions>);
}
