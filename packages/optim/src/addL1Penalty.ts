import { defineOptions } from '@dl/internal';
import { isBool, perLeaf } from './_mask';
import { checkHyper, checkNonNegative, hyperAt } from './_math';
import { mapLeaves, transformation, zerosLike } from './_transform';
import type { GradientTransformation, Hyperparameter, Mask } from './types';

/** Options of {@link addL1Penalty}. */
export interface AddL1PenaltyOptions {
  /**
   * The penalty weight $\lambda$ of $\lambda\lVert\theta\rVert_1$ (a number or a schedule).
   * @defaultValue 0
   */
  weight?: Hyperparameter;
  /**
   * The leaves penalized: `(path, shape) => boolean` or a tree of booleans.
   * @defaultValue undefined (every leaf)
   */
  mask?: Mask;
}

/** The state of {@link addL1Penalty}. */
export interface AddL1PenaltyState {
  /** Updates so far (the step schedules are evaluated at). */
  count: number;
}

const read = defineOptions<AddL1PenaltyOptions>()('addL1Penalty', { weight: 0, mask: undefined });

/**
 * Adds the (sub)gradient of an L1 penalty $\lambda\lVert\theta\rVert_1$: $u \leftarrow u + \lambda\,\mathrm{sign}(\theta)$
 * (0 at $\theta = 0$).
 *
 * @param options - see {@link AddL1PenaltyOptions}.
 * @returns the transformation (it needs `params` in `update`).
 * @example
 * ```ts
 * import { addL1Penalty } from '@dl/optim';
 * const params = [new Float64Array([-3, 0, 2])];
 * const t = addL1Penalty({ weight: 0.1 });
 * const [u] = t.update([new Float64Array([1, 1, 1])], t.init(params), params);
 * Array.from((u as Float64Array[])[0]); // [0.9, 1, 1.1]
 * ```
 */
export function addL1Penalty(options?: AddL1PenaltyOptions): GradientTransformation<AddL1PenaltyState> {
  const fn = 'addL1Penalty';
  const o = read(options);
  const w = checkHyper(fn, 'weight', o.weight, checkNonNegative);
  return transformation<AddL1PenaltyState>(fn, {
    init: () => ({ count: 0 }),
    update(grads, state, params, ctx) {
      if (!params) throw new TypeError(`${ctx.fn}: params are required (the penalty reads them)`);
      const c = state?.count ?? 0;
      const lambda = hyperAt(ctx.fn, 'weight', w, c, checkNonNegative);
      const mask = o.mask === undefined ? undefined : perLeaf(ctx.fn, 'mask', o.mask, params, isBool);
      const updates = mapLeaves(grads, (g, j) => {
        if (mask && !mask[j]) return g.data;
        const p = params[j]!.data;
        const u = zerosLike(g);
        for (let i = 0; i < u.length; i++) u[i] = g.data[i]! + lambda * Math.sign(p[i]!);
        return u;
      });
      return [updates, { count: c + 1 }];
    },
  });
}
