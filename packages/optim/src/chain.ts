import { flatOf, transformation } from './_transform';
import type { GradientTransformation } from './types';

/**
 * Chains transformations: the updates of each are the input of the next; the state is the list of their states.
 * `chain(clipByGlobalNorm(1), scaleByAdam(), scaleByLearningRate(1e-3))` is Adam with clipping.
 *
 * @param transforms - the transformations, applied left to right.
 * @returns one transformation whose state is an array of the inner states.
 * @example
 * ```ts
 * import { applyUpdates, chain, clipByValue, scaleByLearningRate } from '@dl/optim';
 * const params = { w: new Float32Array([1, 1]) };
 * const opt = chain(clipByValue(1), scaleByLearningRate(0.5));
 * const [updates] = opt.update({ w: new Float32Array([4, -0.5]) }, opt.init(params), params);
 * Array.from(applyUpdates(params, updates).w); // [0.5, 1.25]
 * ```
 * @see {@link https://optax.readthedocs.io/en/latest/api/combining_optimizers.html#optax.chain | optax.chain}
 */
export function chain(...transforms: GradientTransformation[]): GradientTransformation<unknown[]> {
  const flats = transforms.map((t, i) => {
    if (!t || typeof t.init !== 'function' || typeof t.update !== 'function') {
      throw new TypeError(
        `chain: argument ${i} must be a transformation with init and update, got ${typeof t}`,
      );
    }
    return flatOf(t);
  });
  return transformation<unknown[]>('chain', {
    init: (params, fn) => flats.map((f) => f.init(params, fn)),
    update(grads, state, params, ctx) {
      if (!Array.isArray(state) || state.length !== flats.length) {
        throw new TypeError(`${ctx.fn}: state must be the array of ${flats.length} states made by init`);
      }
      let u = grads as ReturnType<(typeof flats)[number]['update']>[0];
      const next = flats.map((f, i) => {
        const [v, s] = f.update(u, state[i], params, ctx);
        u = v;
        return s;
      });
      return [u, next];
    },
  });
}
