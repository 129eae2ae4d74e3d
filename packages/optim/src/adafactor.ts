import { defineOptions } from '@dl/internal';
import { named } from './_named';
import { adafactorRule } from './_rulesExtra';
import type { NamedOptimizer } from './NamedOptimizer';
import type { Hyperparameter } from './types';

/** Options of {@link adafactor}: PyTorch 2.5's `torch.optim.Adafactor` names in camelCase, with its defaults. */
export interface AdafactorOptions {
  /**
   * The learning rate: the relative step is $\rho_t = \min(\text{lr}, 1/\sqrt t)$.
   * @defaultValue 0.01
   */
  lr?: Hyperparameter;
  /**
   * $c$ of the second-moment decay schedule $\hat\beta_{2,t} = t^{c}$ (at most 0).
   * @defaultValue -0.8
   */
  beta2Decay?: number;
  /**
   * $(\epsilon_1, \epsilon_2)$: the floor of the second moment (`null`: the dtype's machine epsilon) and of the
   * parameter scale.
   * @defaultValue [null, 0.001]
   */
  eps?: readonly [number | null, number];
  /**
   * Update clipping threshold $d$.
   * @defaultValue 1
   */
  d?: number;
  /**
   * Decoupled weight decay $\lambda$.
   * @defaultValue 0
   */
  weightDecay?: Hyperparameter;
  /**
   * Maximize the objective instead of minimizing it.
   * @defaultValue false
   */
  maximize?: boolean;
}

const read = defineOptions<AdafactorOptions>()('adafactor', {
  lr: 0.01,
  beta2Decay: -0.8,
  eps: [null, 0.001],
  d: 1,
  weightDecay: 0,
  maximize: false,
});

/**
 * Adafactor: second moments factored into a row and a column vector for 2-D parameters (sublinear memory),
 * a relative step size scaled by the parameter's RMS, and update clipping.
 *
 * $$\hat\beta_{2,t} = t^{c},\quad R_t = \hat\beta R_{t-1} + (1-\hat\beta)\,\mathrm{mean}_j G_t^2,\quad
 * C_t = \hat\beta C_{t-1} + (1-\hat\beta)\,\mathrm{mean}_i G_t^2,\quad \hat V_t = \frac{R_t C_t}{\mathrm{mean}(R_t)},$$
 * $$U_t = \frac{G_t}{\sqrt{\max(\hat V_t, \epsilon_1^2)}},\quad
 * \theta_t = \theta_{t-1}(1-\eta\lambda) - \frac{\max(\epsilon_2, \mathrm{RMS}(\theta))\,\rho_t}{\max(1, \mathrm{RMS}(U_t)/d)}U_t$$
 * (one unfactored $\hat V_t$ for parameters that are not matrices). No PyTorch 1.13 counterpart: the tests compare
 * it with a float64 reference (`scripts/reference.py`).
 *
 * @param options - see {@link AdafactorOptions}.
 * @returns the optimizer as a {@link NamedOptimizer}.
 * @example
 * ```ts
 * import { adafactor, applyUpdates } from '@dl/optim';
 * const params = { w: { shape: [2, 2], data: new Float32Array([1, 2, 3, 4]) } };
 * const opt = adafactor();
 * const [updates, state] = opt.update({ w: { shape: [2, 2], data: new Float32Array([1, 1, 1, 1]) } }, opt.init(params), params);
 * applyUpdates(params, updates);
 * params.w.data[0] < 1; // true
 * state.slots.rowVar[0].length; // 2
 * ```
 * @see Shazeer & Stern 2018, "Adafactor: Adaptive Learning Rates with Sublinear Memory Cost", Algorithm 4.
 * @see {@link https://pytorch.org/docs/2.5/generated/torch.optim.Adafactor.html | PyTorch 2.5: torch.optim.Adafactor}
 */
export function adafactor(options?: AdafactorOptions): NamedOptimizer<AdafactorOptions> {
  const o = read(options);
  adafactorRule.check('adafactor', o as unknown as Record<string, unknown>);
  return named<AdafactorOptions>(adafactorRule, o as Required<AdafactorOptions>);
}
