import { defineOptions } from '@dl/internal';
import { named } from './_named';
import { muonRule } from './_rulesExtra';
import type { NamedOptimizer } from './NamedOptimizer';
import type { Hyperparameter } from './types';

/** Options of {@link muon}. */
export interface MuonOptions {
  /**
   * The learning rate $\eta$.
   * @defaultValue 0.02
   */
  lr?: Hyperparameter;
  /**
   * Momentum $\mu$, in [0, 1).
   * @defaultValue 0.95
   */
  momentum?: Hyperparameter;
  /**
   * Decoupled weight decay $\lambda$.
   * @defaultValue 0
   */
  weightDecay?: Hyperparameter;
  /**
   * Nesterov momentum: orthogonalize $g_t + \mu b_t$.
   * @defaultValue true
   */
  nesterov?: boolean;
  /**
   * Newton–Schulz iterations.
   * @defaultValue 5
   */
  nsSteps?: number;
  /**
   * $\epsilon$ added to the Frobenius norm before the iteration.
   * @defaultValue 1e-7
   */
  eps?: number;
}

const read = defineOptions<MuonOptions>()('muon', {
  lr: 0.02,
  momentum: 0.95,
  weightDecay: 0,
  nesterov: true,
  nsSteps: 5,
  eps: 1e-7,
});

/**
 * Muon: momentum orthogonalized by a Newton–Schulz iteration, for 2-D weight matrices only (route biases, norms and embeddings to another optimizer with `multiTransform`).
 *
 * $$b_t = \mu b_{t-1} + g_t,\quad O_t = \mathrm{NS}_5\Big(\frac{u_t}{\lVert u_t\rVert_F + \epsilon}\Big),\ u_t = g_t + \mu b_t,\quad
 * \theta_t = \theta_{t-1}(1-\eta\lambda) - \eta\sqrt{\max(1, \text{rows}/\text{cols})}\,O_t$$
 * with the quintic iteration $X \leftarrow aX + (bA + cA^2)X$, $A = XX^\top$, $(a, b, c) = (3.4445, -4.7750, 2.0315)$.
 *
 * Per step: one pass for the momentum, the Newton–Schulz iterations (three matrix products each), one pass for the
 * update, in JavaScript (float32 parameters round the stored values to float32). No PyTorch 1.13
 * counterpart: the tests compare it with a float64 reference of the paper's equations (`scripts/reference.py`).
 * Hyperparameters typed `Hyperparameter` take a number or a schedule. Use it as a transformation or with
 * `createOptimizer`.
 *
 * @param options - the hyperparameters; see {@link MuonOptions}.
 * @returns the optimizer as a {@link NamedOptimizer}.
 * @example
 * ```ts
 * import { adamw, multiTransform, muon } from '@dl/optim';
 * const params = { weight: { shape: [2, 2], data: new Float32Array([1, 0, 0, 1]) }, bias: new Float32Array(2) };
 * const opt = multiTransform({ muon: muon({ lr: 0.02 }), adamw: adamw() }, (_path, shape) => (shape.length === 2 ? 'muon' : 'adamw'));
 * const grads = { weight: { shape: [2, 2], data: new Float32Array([1, 0, 0, 0]) }, bias: new Float32Array([1, 1]) };
 * const [updates] = opt.update(grads, opt.init(params), params);
 * (updates as { weight: Float32Array }).weight[0] < 0; // true
 * ```
 * @see Jordan et al. 2024, "Muon: An optimizer for hidden layers in neural networks" (kellerjordan.github.io/posts/muon).
 */
export function muon(options?: MuonOptions): NamedOptimizer<MuonOptions> {
  const o = read(options);
  muonRule.check('muon', o as unknown as Record<string, unknown>);
  return named<MuonOptions>(muonRule, o as Required<MuonOptions>);
}
