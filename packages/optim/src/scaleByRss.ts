import { defineOptions } from '@dl/internal';
import { checkNonNegative, checkPositive, roundFor } from './_math';
import { checkStateArrays, mapLeaves, transformation, zerosLike } from './_transform';
import type { FloatArray, GradientTransformation } from './types';

/** Options of {@link scaleByRss}. */
export interface ScaleByRssOptions {
  /**
   * Initial value of the sum of squares (PyTorch's Adagrad default; optax uses 0.1).
   * @defaultValue 0
   */
  initialAccumulatorValue?: number;
  /**
   * $\epsilon$ added outside the square root (PyTorch's placement and default).
   * @defaultValue 1e-10
   */
  eps?: number;
}

/** The state of {@link scaleByRss}. */
export interface ScaleByRssState {
  /** Sums of squares, one array per leaf. */
  sumOfSquares: FloatArray[];
}

const read = defineOptions<ScaleByRssOptions>()('scaleByRss', { initialAccumulatorValue: 0, eps: 1e-10 });

/**
 * Rescales updates by the root of the sum of all past squared updates (Adagrad without learning rate).
 *
 * $$s_t = s_{t-1} + g_t^2,\qquad u_t = \frac{g_t}{\sqrt{s_t} + \epsilon}$$
 *
 * @param options - see {@link ScaleByRssOptions}.
 * @returns the transformation.
 * @example
 * ```ts
 * import { scaleByRss } from '@dl/optim';
 * const t = scaleByRss();
 * const [u, s] = t.update([new Float64Array([3])], t.init([new Float64Array(1)]));
 * (u as Float64Array[])[0][0]; // 1
 * s.sumOfSquares[0][0]; // 9
 * ```
 * @see Duchi, Hazan & Singer 2011, "Adaptive Subgradient Methods for Online Learning and Stochastic Optimization".
 */
export function scaleByRss(options?: ScaleByRssOptions): GradientTransformation<ScaleByRssState> {
  const fn = 'scaleByRss';
  const o = read(options);
  const initial = checkNonNegative(fn, 'initialAccumulatorValue', o.initialAccumulatorValue);
  const eps = checkPositive(fn, 'eps', o.eps);
  return transformation<ScaleByRssState>(fn, {
    init: (params) => ({ sumOfSquares: params.map((l) => zerosLike(l).fill(initial)) }),
    update(grads, state, _p, ctx) {
      checkStateArrays(ctx.fn, state, ['sumOfSquares'], grads.length);
      const sums = state.sumOfSquares.map((a) => a.slice());
      const updates = mapLeaves(grads, (g, j) => {
        const R = roundFor(g.data);
        const s = sums[j]!;
        const u = zerosLike(g);
        for (let i = 0; i < u.length; i++) {
          const gi = g.data[i]!;
          const si = R(s[i]! + R(gi * gi));
          s[i] = si;
          u[i] = gi / (Math.sqrt(si) + eps);
        }
        return u;
      });
      return [updates, { sumOfSquares: sums }];
    },
  });
}
