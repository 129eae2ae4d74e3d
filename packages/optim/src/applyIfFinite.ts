import { defineOptions, describe } from '@dl/internal';
import { checkStateRecord, flatOf, mapLeaves, transformation, zerosLike } from './_transform';
import type { GradientTransformation } from './types';

/** Options of {@link applyIfFinite}. */
export interface ApplyIfFiniteOptions {
  /**
   * After this many non-finite steps in a row, the update is applied anyway (and fails loudly).
   * @defaultValue Infinity
   */
  maxConsecutiveErrors?: number;
}

/** The state of {@link applyIfFinite}. */
export interface ApplyIfFiniteState<S = unknown> {
  /** Non-finite steps in a row. */
  notfiniteCount: number;
  /** Whether the last step was finite. */
  lastFinite: boolean;
  /** Non-finite steps in total (skipped updates). */
  totalNotfinite: number;
  /** The inner state (unchanged by skipped steps). */
  inner: S;
}

const read = defineOptions<ApplyIfFiniteOptions>()('applyIfFinite', {
  maxConsecutiveErrors: Number.POSITIVE_INFINITY,
});

/**
 * Skips steps whose gradients hold NaN or an infinity: they return zero updates and leave the inner state
 * unchanged, and are counted in the state (`totalNotfinite`). Useful with mixed precision or loss spikes.
 *
 * @param inner - the transformation to protect.
 * @param options - see {@link ApplyIfFiniteOptions}.
 * @returns the transformation.
 * @example
 * ```ts
 * import { applyIfFinite, sgd } from '@dl/optim';
 * const opt = applyIfFinite(sgd({ lr: 1 }));
 * const params = [new Float64Array([1])];
 * const [u, s] = opt.update([new Float64Array([Number.NaN])], opt.init(params), params);
 * (u as Float64Array[])[0][0]; // 0
 * s.totalNotfinite; // 1
 * ```
 * @see {@link https://optax.readthedocs.io/en/latest/api/optimizer_wrappers.html#optax.apply_if_finite | optax.apply_if_finite}
 */
export function applyIfFinite<S>(
  inner: GradientTransformation<S>,
  options?: ApplyIfFiniteOptions,
): GradientTransformation<ApplyIfFiniteState<S>> {
  const fn = 'applyIfFinite';
  const { maxConsecutiveErrors: max } = read(options);
  if (typeof max !== 'number' || !(max >= 0)) {
    throw new RangeError(`${fn}: maxConsecutiveErrors must be a number >= 0, got ${describe(max)}`);
  }
  const f = flatOf(inner, 'applyIfFinite', 'inner');
  return transformation<ApplyIfFiniteState<S>>(fn, {
    init: (params, name) => ({
      notfiniteCount: 0,
      lastFinite: true,
      totalNotfinite: 0,
      inner: f.init(params, name),
    }),
    update(grads, state, params, ctx) {
      checkStateRecord(ctx.fn, state, ['notfiniteCount', 'lastFinite', 'totalNotfinite', 'inner']);
      let finite = true;
      for (const g of grads) {
        if (!g) continue;
        let s = 0;
        for (let i = 0; i < g.data.length; i++) s += g.data[i]! * 0;
        if (s !== 0) {
          finite = false;
          break;
        }
      }
      if (finite || state.notfiniteCount + 1 > max) {
        const [u, s] = f.update(grads, state.inner, params, ctx);
        return [
          u,
          {
            notfiniteCount: 0,
            lastFinite: finite,
            totalNotfinite: state.totalNotfinite + (finite ? 0 : 1),
            inner: s,
          },
        ];
      }
      return [
        mapLeaves(grads, (g) => zerosLike(g)),
        {
          notfiniteCount: state.notfiniteCount + 1,
          lastFinite: false,
          totalNotfinite: state.totalNotfinite + 1,
          inner: state.inner,
        },
      ];
    },
  });
}
