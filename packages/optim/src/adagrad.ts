import { defineOptions } from '@dl/internal';
import { named } from './_named';
import { adagradRule } from './_rules';
import type { NamedOptimizer } from './NamedOptimizer';
import type { Hyperparameter } from './types';

/** Options of {@link adagrad}: PyTorch's `torch.optim.Adagrad` parameters in camelCase, with its defaults. */
export interface AdagradOptions {
  /**
   * The learning rate $\eta$.
   * @defaultValue 0.01
   */
  lr?: Hyperparameter;
  /**
   * Learning-rate decay $\delta$: $\eta_t = \eta / (1 + (t-1)\delta)$.
   * @defaultValue 0
   */
  lrDecay?: number;
  /**
   * Coupled L2 penalty $\lambda$.
   * @defaultValue 0
   */
  weightDecay?: Hyperparameter;
  /**
   * Initial value of the sum of squares.
   * @defaultValue 0
   */
  initialAccumulatorValue?: number;
  /**
   * $\epsilon$ added to the square root.
   * @defaultValue 1e-10
   */
  eps?: number;
  /**
   * Maximize the objective instead of minimizing it.
   * @defaultValue false
   */
  maximize?: boolean;
}

const read = defineOptions<AdagradOptions>()('adagrad', {
  lr: 0.01,
  lrDecay: 0,
  weightDecay: 0,
  initialAccumulatorValue: 0,
  eps: 1e-10,
  maximize: false,
});
const rule = adagradRule;

/**
 * Adagrad, in PyTorch 1.13's update order.
 *
 * $$s_t = s_{t-1} + g_t^2,\quad \theta_t = \theta_{t-1} - \frac{\eta}{1 + (t-1)\delta}\,\frac{g_t}{\sqrt{s_t} + \epsilon}$$
 *
 * One fused pass over each parameter per step; float32 parameters round every intermediate as PyTorch's float32
 * kernels do (equal to `torch.optim.Adagrad` within 1e-6 after 100 steps). Hyperparameters typed
 * `Hyperparameter` take a number or a schedule `(step) => number`. Use it as a transformation (`init` /
 * `update`, in a `chain`) or run it in place over parameter groups with `createOptimizer`.
 *
 * @param options - the hyperparameters; see {@link AdagradOptions}.
 * @returns the optimizer as a {@link NamedOptimizer}.
 * @example
 * ```ts
 * import { applyUpdates, adagrad } from '@dl/optim';
 * const params = { w: new Float32Array([1, 2]) };
 * const opt = adagrad({ lr: 0.1 });
 * const [updates, state] = opt.update({ w: new Float32Array([0.5, -0.5]) }, opt.init(params), params);
 * applyUpdates(params, updates);
 * params.w[0]; // 0.9
 * params.w[1]; // 2.1
 * state.count; // 1
 * ```
 * @see Duchi, Hazan & Singer 2011, "Adaptive Subgradient Methods for Online Learning and Stochastic Optimization"
 * @see {@link https://pytorch.org/docs/1.13/generated/torch.optim.Adagrad.html | PyTorch: torch.optim.Adagrad}
 */
export function adagrad(options?: AdagradOptions): NamedOptimizer<AdagradOptions> {
  const o = read(options);
  rule.check('adagrad', o as unknown as Record<string, unknown>);
  return named<AdagradOptions>(rule, o as Required<AdagradOptions>);
}
