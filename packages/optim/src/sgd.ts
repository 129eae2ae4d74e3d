import { defineOptions } from '@dl/internal';
import { named } from './_named';
import { sgdRule } from './_rules';
import type { NamedOptimizer } from './NamedOptimizer';
import type { Hyperparameter } from './types';

/** Options of {@link sgd}: PyTorch's `torch.optim.SGD` parameters in camelCase, with its defaults. */
export interface SgdOptions {
  /**
   * The learning rate $\eta$ (PyTorch 1.13 requires it; we default to 0.01 as optax and Keras do).
   * @defaultValue 0.01
   */
  lr?: Hyperparameter;
  /**
   * The momentum factor $\mu$.
   * @defaultValue 0
   */
  momentum?: Hyperparameter;
  /**
   * Dampening $\tau$ of the momentum.
   * @defaultValue 0
   */
  dampening?: number;
  /**
   * Coupled L2 penalty $\lambda$ added to the gradient.
   * @defaultValue 0
   */
  weightDecay?: Hyperparameter;
  /**
   * Nesterov momentum (needs momentum > 0 and dampening 0).
   * @defaultValue false
   */
  nesterov?: boolean;
  /**
   * Maximize the objective instead of minimizing it.
   * @defaultValue false
   */
  maximize?: boolean;
}

const read = defineOptions<SgdOptions>()('sgd', {
  lr: 0.01,
  momentum: 0,
  dampening: 0,
  weightDecay: 0,
  nesterov: false,
  maximize: false,
});
const rule = sgdRule;

/**
 * Stochastic gradient descent with optional momentum, dampening, Nesterov momentum and coupled weight decay, in PyTorch 1.13's update order.
 *
 * $$g_t \leftarrow g_t + \lambda\theta_{t-1},\quad b_1 = g_1,\ b_t = \mu b_{t-1} + (1-\tau) g_t,\quad
 * \theta_t = \theta_{t-1} - \eta\,(\text{nesterov} ? g_t + \mu b_t : b_t)$$
 *
 * The learning rate stays outside the buffer (PyTorch), so changing it takes effect at once (Keras keeps it
 * inside).
 *
 * One fused pass over each parameter per step; float32 parameters round every intermediate as PyTorch's float32
 * kernels do (equal to `torch.optim.SGD` within 1e-6 after 100 steps). Hyperparameters typed
 * `Hyperparameter` take a number or a schedule `(step) => number`. Use it as a transformation (`init` /
 * `update`, in a `chain`) or run it in place over parameter groups with `createOptimizer`.
 *
 * @param options - the hyperparameters; see {@link SgdOptions}.
 * @returns the optimizer as a {@link NamedOptimizer}.
 * @example
 * ```ts
 * import { applyUpdates, sgd } from '@dl/optim';
 * const params = { w: new Float32Array([1, 2]) };
 * const opt = sgd({ lr: 0.1, momentum: 0.9 });
 * const [updates, state] = opt.update({ w: new Float32Array([0.5, -0.5]) }, opt.init(params), params);
 * applyUpdates(params, updates);
 * params.w[0]; // 0.95
 * params.w[1]; // 2.05
 * state.count; // 1
 * ```
 * @see Sutskever et al. 2013, "On the importance of initialization and momentum in deep learning"
 * @see {@link https://pytorch.org/docs/1.13/generated/torch.optim.SGD.html | PyTorch: torch.optim.SGD}
 */
export function sgd(options?: SgdOptions): NamedOptimizer<SgdOptions> {
  const o = read(options);
  rule.check('sgd', o as unknown as Record<string, unknown>);
  return named<SgdOptions>(rule, o as Required<SgdOptions>);
}
