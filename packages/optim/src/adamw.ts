import { defineOptions } from '@dl/internal';
import { named } from './_named';
import { adamRule } from './_rules';
import type { NamedOptimizer } from './NamedOptimizer';
import type { Hyperparameter } from './types';

/** Options of {@link adamw}: PyTorch's `torch.optim.AdamW` parameters in camelCase, with its defaults. */
export interface AdamwOptions {
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
   * $\epsilon$ added to $\sqrt{\hat v_t}$ (outside the square root).
   * @defaultValue 1e-8
   */
  eps?: number;
  /**
   * Decoupled weight decay $\lambda$ (PyTorch's default; optax uses 1e-4, Keras 0.004).
   * @defaultValue 0.01
   */
  weightDecay?: Hyperparameter;
  /**
   * AMSGrad (running maximum of the raw $v_t$).
   * @defaultValue false
   */
  amsgrad?: boolean;
  /**
   * Maximize the objective instead of minimizing it.
   * @defaultValue false
   */
  maximize?: boolean;
}

const read = defineOptions<AdamwOptions>()('adamw', {
  lr: 0.001,
  betas: [0.9, 0.999],
  eps: 1e-8,
  weightDecay: 0.01,
  amsgrad: false,
  maximize: false,
});
const rule = /* @__PURE__ */ adamRule('adamw');

/**
 * AdamW: Adam with decoupled weight decay, in PyTorch 1.13's update order.
 *
 * $$\theta \leftarrow \theta(1 - \eta\lambda),\ \text{then the Adam step}\quad
 * \theta_t = \theta - \frac{\eta}{1-\beta_1^t}\,\frac{m_t}{\sqrt{v_t}/\sqrt{1-\beta_2^t} + \epsilon}$$
 *
 * One fused pass over each parameter per step; float32 parameters round every intermediate as PyTorch's float32
 * kernels do (equal to `torch.optim.AdamW` within 1e-6 after 100 steps). Hyperparameters typed
 * `Hyperparameter` take a number or a schedule `(step) => number`. Use it as a transformation (`init` /
 * `update`, in a `chain`) or run it in place over parameter groups with `createOptimizer`.
 *
 * @param options - the hyperparameters; see {@link AdamwOptions}.
 * @returns the optimizer as a {@link NamedOptimizer}.
 * @example
 * ```ts
 * import { applyUpdates, adamw } from '@dl/optim';
 * const params = { w: new Float32Array([1, 2]) };
 * const opt = adamw({ lr: 0.1 });
 * const [updates, state] = opt.update({ w: new Float32Array([0.5, -0.5]) }, opt.init(params), params);
 * applyUpdates(params, updates);
 * params.w[0]; // 0.899
 * params.w[1]; // 2.098
 * state.count; // 1
 * ```
 * @see Loshchilov & Hutter 2019, "Decoupled Weight Decay Regularization" (Algorithm 2)
 * @see {@link https://pytorch.org/docs/1.13/generated/torch.optim.AdamW.html | PyTorch: torch.optim.AdamW}
 */
export function adamw(options?: AdamwOptions): NamedOptimizer<AdamwOptions> {
  const o = read(options);
  rule.check('adamw', o as unknown as Record<string, unknown>);
  return named<AdamwOptions>(rule, o as Required<AdamwOptions>);
}
