import { defineOptions } from '@dl/internal';
import { named } from './_named';
import { larsRule } from './_rulesExtra';
import type { NamedOptimizer } from './NamedOptimizer';
import type { Hyperparameter } from './types';

/** Options of {@link lars}. */
export interface LarsOptions {
  /**
   * The global learning rate $\gamma$.
   * @defaultValue 1
   */
  lr?: Hyperparameter;
  /**
   * Momentum $\mu$.
   * @defaultValue 0.9
   */
  momentum?: Hyperparameter;
  /**
   * Weight decay $\beta$.
   * @defaultValue 0
   */
  weightDecay?: Hyperparameter;
  /**
   * Trust coefficient $\eta$ of the local learning rate.
   * @defaultValue 0.001
   */
  trustCoefficient?: number;
  /**
   * $\epsilon$ added to the local rate's denominator.
   * @defaultValue 0
   */
  eps?: number;
  /**
   * Nesterov momentum.
   * @defaultValue false
   */
  nesterov?: boolean;
}

const read = defineOptions<LarsOptions>()('lars', {
  lr: 1,
  momentum: 0.9,
  weightDecay: 0,
  trustCoefficient: 0.001,
  eps: 0,
  nesterov: false,
});

/**
 * LARS: SGD with momentum and a layer-wise (per parameter tensor) learning rate $\eta\lVert w\rVert/(\lVert g\rVert + \beta\lVert w\rVert)$ (large-batch training).
 *
 * $$\lambda = \frac{\eta\lVert w\rVert}{\lVert g\rVert + \beta\lVert w\rVert + \epsilon},\quad
 * v_t = \mu v_{t-1} + \gamma\lambda(g_t + \beta w),\quad w_t = w_{t-1} - v_t$$ (local rate 1 when a norm is 0).
 *
 * Two passes per parameter per step: the norms of the parameter and of the gradient, then the update (float32
 * parameters round the stored values to float32; both passes run in WebAssembly SIMD kernels, bit for bit the
 * JavaScript loops; the norms are summed lane by lane, i mod 4). No PyTorch 1.13
 * counterpart: the tests compare it with a float64 reference of the paper's equations (`scripts/reference.py`).
 * Hyperparameters typed `Hyperparameter` take a number or a schedule. Use it as a transformation or with
 * `createOptimizer`.
 *
 * @param options - the hyperparameters; see {@link LarsOptions}.
 * @returns the optimizer as a {@link NamedOptimizer}.
 * @example
 * ```ts
 * import { applyUpdates, lars } from '@dl/optim';
 * const params = { w: new Float32Array([1, 2]) };
 * const opt = lars({ lr: 10 });
 * const [updates] = opt.update({ w: new Float32Array([0.5, -0.5]) }, opt.init(params), params);
 * applyUpdates(params, updates);
 * params.w[0]; // 0.98419
 * params.w[1]; // 2.01581
 * ```
 * @see You, Gitman & Ginsburg 2017, "Large Batch Training of Convolutional Networks", Algorithm 1.
 */
export function lars(options?: LarsOptions): NamedOptimizer<LarsOptions> {
  const o = read(options);
  larsRule.check('lars', o as unknown as Record<string, unknown>);
  return named<LarsOptions>(larsRule, o as Required<LarsOptions>);
}
