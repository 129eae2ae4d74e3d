import { defineOptions } from '@dl/internal';
import { named } from './_named';
import { nadamRule } from './_rules';
import type { NamedOptimizer } from './NamedOptimizer';
import type { Hyperparameter } from './types';

/** Options of {@link nadam}: PyTorch's `torch.optim.NAdam` parameters in camelCase, with its defaults. */
export interface NadamOptions {
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
   * $\epsilon$ added to the square root.
   * @defaultValue 1e-8
   */
  eps?: number;
  /**
   * Weight decay $\lambda$: coupled (added to the gradient) unless `decoupledWeightDecay`.
   * @defaultValue 0
   */
  weightDecay?: Hyperparameter;
  /**
   * Momentum decay $\psi$ of the schedule $\mu_t = \beta_1(1 - \tfrac12 0.96^{t\psi})$.
   * @defaultValue 0.004
   */
  momentumDecay?: number;
  /**
   * Decoupled decay $\theta \leftarrow \theta(1-\eta\lambda)$ (NAdamW; PyTorch 2.1's `decoupled_weight_decay`, not in 1.13).
   * @defaultValue false
   */
  decoupledWeightDecay?: boolean;
}

const read = defineOptions<NadamOptions>()('nadam', {
  lr: 0.002,
  betas: [0.9, 0.999],
  eps: 1e-8,
  weightDecay: 0,
  momentumDecay: 0.004,
  decoupledWeightDecay: false,
});
const rule = nadamRule;

/**
 * NAdam (Adam with Nesterov momentum and a momentum schedule), in PyTorch 1.13's update order, with a decoupled-decay variant.
 *
 * $$\mu_t = \beta_1(1 - \tfrac12 0.96^{t\psi}),\quad \Pi_t = \prod_{i\le t}\mu_i,\quad
 * \theta_t = \theta_{t-1} - \eta\frac{1-\mu_t}{1-\Pi_t}\frac{g_t}{\sqrt{\hat v_t}+\epsilon}
 * - \eta\frac{\mu_{t+1}}{1-\Pi_t\mu_t\mu_{t+1}}\frac{m_t}{\sqrt{\hat v_t}+\epsilon}$$
 *
 * The second denominator has PyTorch 1.13's extra factor $\mu_t$ (Dozat's paper has $1-\Pi_t\mu_{t+1}$; PyTorch
 * 2.0 fixed it in pytorch/pytorch#92699): we follow 1.13, the oracle, in both weight-decay modes. Like PyTorch,
 * $\Pi_t$ is kept in float32.
 *
 * One fused pass over each parameter per step; float32 parameters round every intermediate as PyTorch's float32
 * kernels do (equal to `torch.optim.NAdam` within 1e-6 after 100 steps). Hyperparameters typed
 * `Hyperparameter` take a number or a schedule `(step) => number`. Use it as a transformation (`init` /
 * `update`, in a `chain`) or run it in place over parameter groups with `createOptimizer`.
 *
 * @param options - the hyperparameters; see {@link NadamOptions}.
 * @returns the optimizer as a {@link NamedOptimizer}.
 * @example
 * ```ts
 * import { applyUpdates, nadam } from '@dl/optim';
 * const params = { w: new Float32Array([1, 2]) };
 * const opt = nadam({ lr: 0.1 });
 * const [updates, state] = opt.update({ w: new Float32Array([0.5, -0.5]) }, opt.init(params), params);
 * applyUpdates(params, updates);
 * params.w[0]; // 0.9
 * params.w[1]; // 2.1
 * state.count; // 1
 * ```
 * @see Dozat 2016, "Incorporating Nesterov Momentum into Adam"
 * @see {@link https://pytorch.org/docs/1.13/generated/torch.optim.NAdam.html | PyTorch: torch.optim.NAdam}
 */
export function nadam(options?: NadamOptions): NamedOptimizer<NadamOptions> {
  const o = read(options);
  rule.check('nadam', o as unknown as Record<string, unknown>);
  return named<NadamOptions>(rule, o as Required<NadamOptions>);
}
