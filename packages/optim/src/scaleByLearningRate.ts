import { checkHyper, checkNonNegative, hyperAt } from './_math';
import { mapLeaves, transformation, zerosLike } from './_transform';
import type { GradientTransformation, Hyperparameter } from './types';

/** The state of {@link scaleByLearningRate}. */
export interface ScaleByLearningRateState {
  /** Updates so far: the step the schedule is evaluated at. */
  count: number;
}

/**
 * Multiplies updates by $-\eta_t$ (the minus sign turns a descent direction into an update), with the learning
 * rate a number or a schedule evaluated at the update count (0 for the first update).
 *
 * @param learningRate - $\eta$: a number $\ge 0$ or a schedule `(step) => number`.
 * @returns the transformation.
 * @example
 * ```ts
 * import { scaleByLearningRate } from '@dl/optim';
 * const t = scaleByLearningRate((step) => 0.1 / (step + 1));
 * let s = t.init([new Float64Array(1)]);
 * let u;
 * [u, s] = t.update([new Float64Array([1])], s);
 * [u, s] = t.update([new Float64Array([1])], s);
 * (u as Float64Array[])[0][0]; // -0.05
 * ```
 * @see {@link https://optax.readthedocs.io/en/latest/api/transformations.html#optax.scale_by_learning_rate | optax.scale_by_learning_rate}
 */
export function scaleByLearningRate(
  learningRate: Hyperparameter,
): GradientTransformation<ScaleByLearningRateState> {
  const fn = 'scaleByLearningRate';
  const lr = checkHyper(fn, 'learningRate', learningRate, checkNonNegative);
  return transformation<ScaleByLearningRateState>(fn, {
    init: () => ({ count: 0 }),
    update(grads, state, _p, ctx) {
      const c = typeof state?.count === 'number' ? state.count : 0;
      const eta = -hyperAt(ctx.fn, 'learningRate', lr, c, checkNonNegative);
      const updates = mapLeaves(grads, (g) => {
        const u = zerosLike(g);
        for (let i = 0; i < u.length; i++) u[i] = eta * g.data[i]!;
        return u;
      });
      return [updates, { count: c + 1 }];
    },
  });
}
