import { defineOptions } from '@dl/internal';
import { named } from './_named';
import { adadeltaRule } from './_rules';
import type { NamedOptimizer } from './NamedOptimizer';
import type { Hyperparameter } from './types';

/** Options of {@link adadelta}: PyTorch's `torch.optim.Adadelta` parameters in camelCase, with its defaults. */
export interface AdadeltaOptions {
  /**
   * Coefficient $\eta$ that scales the delta.
   * @defaultValue 1
   */
  lr?: Hyperparameter;
  /**
   * Decay $\rho$ of the running averages, in [0, 1].
   * @defaultValue 0.9
   */
  rho?: Hyperparameter;
  /**
   * $\epsilon$ added inside both square roots.
   * @defaultValue 1e-6
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

const read = defineOptions<AdadeltaOptions>()('adadelta', {
  lr: 1,
  rho: 0.9,
  eps: 1e-6,
  weightDecay: 0,
  maximize: false,
});
const rule = adadeltaRule;

/**
 * Adadelta, in PyTorch 1.13's update order.
 *
 * $$v_t = \rho v_{t-1} + (1-\rho) g_t^2,\quad \Delta_t = \frac{\sqrt{u_{t-1} + \epsilon}}{\sqrt{v_t + \epsilon}} g_t,\quad
 * u_t = \rho u_{t-1} + (1-\rho)\Delta_t^2,\quad \theta_t = \theta_{t-1} - \eta\Delta_t$$
 *
 * One fused pass over each parameter per step; float32 parameters round every intermediate as PyTorch's float32
 * kernels do (equal to `torch.optim.Adadelta` within 1e-6 after 100 steps). Hyperparameters typed
 * `Hyperparameter` take a number or a schedule `(step) => number`. Use it as a transformation (`init` /
 * `update`, in a `chain`) or run it in place over parameter groups with `createOptimizer`.
 *
 * @param options - the hyperparameters; see {@link AdadeltaOptions}.
 * @returns the optimizer as a {@link NamedOptimizer}.
 * @example
 * ```ts
 * import { applyUpdates, adadelta } from '@dl/optim';
 * const params = { w: new Float32Array([1, 2]) };
 * const opt = adadelta();
 * const [updates, state] = opt.update({ w: new Float32Array([0.5, -0.5]) }, opt.init(params), params);
 * applyUpdates(params, updates);
 * params.w[0]; // 0.99684
 * params.w[1]; // 2.00316
 * state.count; // 1
 * ```
 * @see Zeiler 2012, "ADADELTA: An Adaptive Learning Rate Method" (Algorithm 1)
 * @see {@link https://pytorch.org/docs/1.13/generated/torch.optim.Adadelta.html | PyTorch: torch.optim.Adadelta}
 */
export function adadelta(options?: AdadeltaOptions): NamedOptimizer<AdadeltaOptions> {
  const o = read(options);
  rule.check('adadelta', o as unknown as Record<string, unknown>);
  return named<AdadeltaOptions>(rule, o as Required<AdadeltaOptions>);
}
