import { defineOptions } from '@dl/internal';
import { isBool, perLeaf } from './_mask';
import { checkHyper, checkNonNegative, hyperAt, roundFor } from './_math';
import { mapLeaves, transformation, zerosLike } from './_transform';
import type { GradientTransformation, Hyperparameter, Mask } from './types';

/** Options of {@link addDecayedWeights}. */
export interface AddDecayedWeightsOptions {
  /**
   * The decay $\lambda$ (a number or a schedule).
   * @defaultValue 0
   */
  weightDecay?: Hyperparameter;
  /**
   * The leaves to decay (others pass through): `(path, shape) => boolean` or a tree of booleans.
   * @defaultValue undefined (every leaf)
   */
  mask?: Mask;
}

/** The state of {@link addDecayedWeights}. */
export interface AddDecayedWeightsState {
  /** Updates so far (the step schedules are evaluated at). */
  count: number;
}

const read = defineOptions<AddDecayedWeightsOptions>()('addDecayedWeights', {
  weightDecay: 0,
  mask: undefined,
});

/**
 * Adds $\lambda\theta$ to the updates: $u \leftarrow u + \lambda\theta$. Placed before the scaling
 * (`chain(addDecayedWeights(...), scaleByAdam(), ...)`) it is the coupled L2 penalty of PyTorch's `weight_decay`;
 * placed after it and before {@link scaleByLearningRate} it is AdamW's decoupled decay.
 *
 * @param options - see {@link AddDecayedWeightsOptions}.
 * @returns the transformation (it needs `params` in `update`).
 * @example
 * ```ts
 * import { addDecayedWeights } from '@dl/optim';
 * const params = { w: new Float64Array([2]), bias: new Float64Array([2]) };
 * const t = addDecayedWeights({ weightDecay: 0.5, mask: (path) => !path.endsWith('bias') });
 * const [u] = t.update({ w: new Float64Array([1]), bias: new Float64Array([1]) }, t.init(params), params);
 * (u as { w: Float64Array }).w[0]; // 2
 * (u as { bias: Float64Array }).bias[0]; // 1
 * ```
 * @see Loshchilov & Hutter 2019, "Decoupled Weight Decay Regularization".
 */
export function addDecayedWeights(
  options?: AddDecayedWeightsOptions,
): GradientTransformation<AddDecayedWeightsState> {
  const fn = 'addDecayedWeights';
  const o = read(options);
  const wd = checkHyper(fn, 'weightDecay', o.weightDecay, checkNonNegative);
  return transformation<AddDecayedWeightsState>(fn, {
    init: () => ({ count: 0 }),
    update(grads, state, params, ctx) {
      if (!params) throw new TypeError(`${ctx.fn}: params are required (the decay reads them)`);
      const c = state?.count ?? 0;
      const lambda = hyperAt(ctx.fn, 'weightDecay', wd, c, checkNonNegative);
      const mask = o.mask === undefined ? undefined : perLeaf(ctx.fn, 'mask', o.mask, params, isBool);
      const updates = mapLeaves(grads, (g, j) => {
        if (mask && !mask[j]) return g.data;
        const p = params[j]!.data;
        const R = roundFor(g.data);
        const u = zerosLike(g);
        for (let i = 0; i < u.length; i++) u[i] = R(g.data[i]! + R(lambda * p[i]!));
        return u;
      });
      return [updates, { count: c + 1 }];
    },
  });
}
