import { defineOptions } from '@dl/internal';
import { named } from './_named';
import { radamRule } from './_rules';
import type { NamedOptimizer } from './NamedOptimizer';
import type { Hyperparameter } from './types';

/** Options of {@link radam}: PyTorch's `torch.optim.RAdam` parameters in camelCase, with its defaults. */
export interface RadamOptions {
  /**
   * The learning rate $\eta$.
   * @defaultValue 0.001
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
   * Weight decay $\lambda$: coupled unless `decoupledWeightDecay`.
   * @defaultValue 0
   */
  weightDecay?: Hyperparameter;
  /**
   * Decoupled decay $\theta \leftarrow \theta(1-\eta\lambda)$ (PyTorch 2.1's `decoupled_weight_decay`, not in 1.13).
   * @defaultValue false
   */
  decoupledWeightDecay?: boolean;
}

const read = defineOptions<RadamOptions>()('radam', {
  lr: 0.001,
  betas: [0.9, 0.999],
  eps: 1e-8,
  weightDecay: 0,
  decoupledWeightDecay: false,
});
const rule = radamRule;

/**
 * RAdam (rectified Adam), in PyTorch 1.13's update order, with a decoupled-decay variant.
 *
 * $$\rho_\infty = \frac{2}{1-\beta_2} - 1,\quad \rho_t = \rho_\infty - \frac{2t\beta_2^t}{1-\beta_2^t},\quad
 * \theta_t = \theta_{t-1} - \eta\hat m_t \cdot \begin{cases} r_t\frac{\sqrt{1-\beta_2^t}}{\sqrt{v_t}+\epsilon} & \rho_t > 5 \\ 1 & \text{else}\end{cases}$$
 * with $r_t = \sqrt{\frac{(\rho_t-4)(\rho_t-2)\rho_\infty}{(\rho_\infty-4)(\rho_\infty-2)\rho_t}}$.
 *
 * One fused pass over each parameter per step; float32 parameters round every intermediate as PyTorch's float32
 * kernels do (equal to `torch.optim.RAdam` within 1e-6 after 100 steps). Hyperparameters typed
 * `Hyperparameter` take a number or a schedule `(step) => number`. Use it as a transformation (`init` /
 * `update`, in a `chain`) or run it in place over parameter groups with `createOptimizer`.
 *
 * @param options - the hyperparameters; see {@link RadamOptions}.
 * @returns the optimizer as a {@link NamedOptimizer}.
 * @example
 * ```ts
 * import { applyUpdates, radam } from '@dl/optim';
 * const params = { w: new Float32Array([1, 2]) };
 * const opt = radam({ lr: 0.1 });
 * const [updates, state] = opt.update({ w: new Float32Array([0.5, -0.5]) }, opt.init(params), params);
 * applyUpdates(params, updates);
 * params.w[0]; // 0.95
 * params.w[1]; // 2.05
 * state.count; // 1
 * ```
 * @see Liu et al. 2020, "On the Variance of the Adaptive Learning Rate and Beyond" (Algorithm 2)
 * @see {@link https://pytorch.org/docs/1.13/generated/torch.optim.RAdam.html | PyTorch: torch.optim.RAdam}
 */
export function radam(options?: RadamOptions): NamedOptimizer<RadamOptions> {
  const o = read(options);
  rule.check('radam', o as unknown as Record<string, unknown>);
  return named<RadamOptions>(rule, o as Required<RadamOptions>);
}
