import { defineOptions } from '@dl/internal';
import { checkNonNegative, checkPositive, checkUnit, emaSq, roundFor } from './_math';
import { checkStateArrays, mapLeaves, transformation, zerosLike } from './_transform';
import type { FloatArray, GradientTransformation } from './types';

/** Options of {@link scaleByRms}. */
export interface ScaleByRmsOptions {
  /**
   * Decay $\alpha$ of the mean square, in [0, 1) (PyTorch's RMSprop `alpha` is 0.99).
   * @defaultValue 0.9
   */
  decay?: number;
  /**
   * $\epsilon$ added outside the square root (PyTorch's placement).
   * @defaultValue 1e-8
   */
  eps?: number;
  /**
   * Initial value of the mean square.
   * @defaultValue 0
   */
  initialScale?: number;
}

/** The state of {@link scaleByRms}. */
export interface ScaleByRmsState {
  /** Mean squares, one array per leaf. */
  nu: FloatArray[];
}

const read = defineOptions<ScaleByRmsOptions>()('scaleByRms', { decay: 0.9, eps: 1e-8, initialScale: 0 });

/**
 * Rescales updates by the root of an exponential moving average of their squares (RMSprop without learning rate).
 *
 * $$v_t = \alpha v_{t-1} + (1-\alpha) g_t^2,\qquad u_t = \frac{g_t}{\sqrt{v_t} + \epsilon}$$
 *
 * @param options - see {@link ScaleByRmsOptions}.
 * @returns the transformation.
 * @example
 * ```ts
 * import { scaleByRms } from '@dl/optim';
 * const t = scaleByRms({ decay: 0.75 });
 * const [u] = t.update([new Float64Array([2])], t.init([new Float64Array(1)]));
 * (u as Float64Array[])[0][0]; // 1.99999998
 * ```
 * @see Hinton, Srivastava & Swersky 2012, Lecture 6e of "Neural Networks for Machine Learning".
 */
export function scaleByRms(options?: ScaleByRmsOptions): GradientTransformation<ScaleByRmsState> {
  const fn = 'scaleByRms';
  const o = read(options);
  const decay = checkUnit(fn, 'decay', o.decay);
  const eps = checkPositive(fn, 'eps', o.eps);
  const initial = checkNonNegative(fn, 'initialScale', o.initialScale);
  return transformation<ScaleByRmsState>(fn, {
    init: (params) => ({ nu: params.map((l) => zerosLike(l).fill(initial)) }),
    update(grads, state, _p, ctx) {
      checkStateArrays(ctx.fn, state, ['nu'], grads.length);
      const nu = state.nu.map((a) => a.slice());
      const updates = mapLeaves(grads, (g, j) => {
        const R = roundFor(g.data);
        const v = nu[j]!;
        const u = zerosLike(g);
        for (let i = 0; i < u.length; i++) {
          const vi = emaSq(R, v[i]!, g.data[i]!, R(decay), R(1 - decay));
          v[i] = vi;
          u[i] = g.data[i]! / (Math.sqrt(vi) + eps);
        }
        return u;
      });
      return [updates, { nu }];
    },
  });
}
