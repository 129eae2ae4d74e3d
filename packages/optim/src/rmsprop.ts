import { defineOptions } from '@dl/internal';
import { named } from './_named';
import { rmspropRule } from './_rules';
import type { NamedOptimizer } from './NamedOptimizer';
import type { Hyperparameter } from './types';

/** Options of {@link rmsprop}: PyTorch's `torch.optim.RMSprop` parameters in camelCase, with its defaults. */
export interface RmspropOptions {
  /**
   * The learning rate $\eta$.
   * @defaultValue 0.01
   */
  lr?: Hyperparameter;
  /**
   * Smoothing constant $\alpha$ of the square average, in [0, 1).
   * @defaultValue 0.99
   */
  alpha?: Hyperparameter;
  /**
   * $\epsilon$ added outside the square root (PyTorch; TensorFlow adds it inside).
   * @defaultValue 1e-8
   */
  eps?: number;
  /**
   * Coupled L2 penalty $\lambda$.
   * @defaultValue 0
   */
  weightDecay?: Hyperparameter;
  /**
   * Momentum factor $\mu$ (a buffer of the scaled gradients).
   * @defaultValue 0
   */
  momentum?: Hyperparameter;
  /**
   * Centered RMSprop: divide by an estimate of the variance instead of the second moment.
   * @defaultValue false
   */
  centered?: boolean;
  /**
   * Maximize the objective instead of minimizing it.
   * @defaultValue false
   */
  maximize?: boolean;
}

const read = defineOptions<RmspropOptions>()('rmsprop', {
  lr: 0.01,
  alpha: 0.99,
  eps: 1e-8,
  weightDecay: 0,
  momentum: 0,
  centered: false,
  maximize: false,
});
const rule = rmspropRule;

/**
 * RMSprop (optionally centered, with momentum), in PyTorch 1.13's update order.
 *
 * $$v_t = \alpha v_{t-1} + (1-\alpha) g_t^2,\quad \tilde v_t = v_t - \bar g_t^2\ (\text{centered}),\quad
 * b_t = \mu b_{t-1} + \frac{g_t}{\sqrt{\tilde v_t} + \epsilon},\quad \theta_t = \theta_{t-1} - \eta b_t$$
 *
 * One fused pass over each parameter per step; float32 parameters round every intermediate as PyTorch's float32
 * kernels do (equal to `torch.optim.RMSprop` within 1e-6 after 100 steps). Hyperparameters typed
 * `Hyperparameter` take a number or a schedule `(step) => number`. Use it as a transformation (`init` /
 * `update`, in a `chain`) or run it in place over parameter groups with `createOptimizer`.
 *
 * @param options - the hyperparameters; see {@link RmspropOptions}.
 * @returns the optimizer as a {@link NamedOptimizer}.
 * @example
 * ```ts
 * import { applyUpdates, rmsprop } from '@dl/optim';
 * const params = { w: new Float32Array([1, 2]) };
 * const opt = rmsprop({ lr: 0.01 });
 * const [updates, state] = opt.update({ w: new Float32Array([0.5, -0.5]) }, opt.init(params), params);
 * applyUpdates(params, updates);
 * params.w[0]; // 0.9
 * params.w[1]; // 2.1
 * state.count; // 1
 * ```
 * @see Hinton, Srivastava & Swersky 2012, Lecture 6e of "Neural Networks for Machine Learning"; Graves 2013 (centered)
 * @see {@link https://pytorch.org/docs/1.13/generated/torch.optim.RMSprop.html | PyTorch: torch.optim.RMSprop}
 */
export function rmsprop(options?: RmspropOptions): NamedOptimizer<RmspropOptions> {
  const o = read(options);
  rule.check('rmsprop', o as unknown as Record<string, unknown>);
  return named<RmspropOptions>(rule, o as Required<RmspropOptions>);
}
