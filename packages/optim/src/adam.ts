import { defineOptions } from '@dl/internal';
import { named } from './_named';
import { adamRule } from './_rules';
import type { NamedOptimizer } from './NamedOptimizer';
import type { Hyperparameter } from './types';

/** Options of {@link adam}: PyTorch's `torch.optim.Adam` parameters in camelCase, with its defaults. */
export interface AdamOptions {
  /**
   * The learning rate $\eta$.
   * @defaultValue 0.001
   */
  lr?: Hyperparameter;
  /**
   * Decay rates $(\beta_1, \beta_2)$ of the moment estimates, each in [0, 1).
   * @defaultValue [0.9, 0.999]
   */
  betas?: readonly [Hyperparameter, Hyperparameter];
  /**
   * $\epsilon$ added to $\sqrt{\hat v_t}$ (outside the square root, as PyTorch).
   * @defaultValue 1e-8
   */
  eps?: number;
  /**
   * Coupled L2 penalty $\lambda$ added to the gradient (for decoupled decay use `adamw`).
   * @defaultValue 0
   */
  weightDecay?: Hyperparameter;
  /**
   * AMSGrad: keep the running maximum of $v_t$ (raw, before bias correction, as PyTorch and Keras).
   * @defaultValue false
   */
  amsgrad?: boolean;
  /**
   * Maximize the objective instead of minimizing it.
   * @defaultValue false
   */
  maximize?: boolean;
}

const read = defineOptions<AdamOptions>()('adam', {
  lr: 0.001,
  betas: [0.9, 0.999],
  eps: 1e-8,
  weightDecay: 0,
  amsgrad: false,
  maximize: false,
});
const rule = /* @__PURE__ */ adamRule('adam');

/**
 * Adam, in PyTorch 1.13's update order, with AMSGrad and coupled weight decay.
 *
 * $$m_t = \beta_1 m_{t-1} + (1-\beta_1) g_t,\quad v_t = \beta_2 v_{t-1} + (1-\beta_2) g_t^2,\quad
 * \theta_t = \theta_{t-1} - \frac{\eta}{1-\beta_1^t}\,\frac{m_t}{\sqrt{v_t}/\sqrt{1-\beta_2^t} + \epsilon}$$
 * with $g_t \leftarrow g_t + \lambda\theta_{t-1}$ first when `weightDecay` > 0, and $v_t \leftarrow
 * \max(v_{t-1}^{\max}, v_t)$ in the denominator with `amsgrad`.
 *
 * One fused pass over each parameter per step; float32 parameters round every intermediate as PyTorch's float32
 * kernels do (equal to `torch.optim.Adam` within 1e-6 after 100 steps). Hyperparameters typed
 * `Hyperparameter` take a number or a schedule `(step) => number`. Use it as a transformation (`init` /
 * `update`, in a `chain`) or run it in place over parameter groups with `createOptimizer`.
 *
 * @param options - the hyperparameters; see {@link AdamOptions}.
 * @returns the optimizer as a {@link NamedOptimizer}.
 * @example
 * ```ts
 * import { applyUpdates, adam } from '@dl/optim';
 * const params = { w: new Float32Array([1, 2]) };
 * const opt = adam({ lr: 0.1 });
 * const [updates, state] = opt.update({ w: new Float32Array([0.5, -0.5]) }, opt.init(params), params);
 * applyUpdates(params, updates);
 * params.w[0]; // 0.9
 * params.w[1]; // 2.1
 * state.count; // 1
 * ```
 * @see Kingma & Ba 2015, "Adam: A Method for Stochastic Optimization" (Algorithm 1); Reddi et al. 2018 (AMSGrad)
 * @see {@link https://pytorch.org/docs/1.13/generated/torch.optim.Adam.html | PyTorch: torch.optim.Adam}
 */
export function adam(options?: AdamOptions): NamedOptimizer<AdamOptions> {
  const o = read(options);
  rule.check('adam', o as unknown as Record<string, unknown>);
  return named<AdamOptions>(rule, o as Required<AdamOptions>);
}
