import { checkPositive, roundFor } from './_math';
import { mapLeaves, transformation, zerosLike } from './_transform';
import type { GradientTransformation } from './types';

/** The state of {@link clipByGlobalNorm} (none: an empty record). */
export type ClipByGlobalNormState = Record<string, never>;

/**
 * Scales all updates together so that their global L2 norm is at most `maxNorm`, as PyTorch's
 * `clip_grad_norm_`:
 * $$\lVert g\rVert = \sqrt{\textstyle\sum_\ell \lVert g_\ell\rVert_2^2},\qquad
 * g \leftarrow g\cdot\min\!\Big(1, \frac{\text{maxNorm}}{\lVert g\rVert + 10^{-6}}\Big)$$
 * (optax divides by the norm without the $10^{-6}$).
 *
 * @param maxNorm - the largest norm allowed, > 0.
 * @returns the transformation.
 * @example
 * ```ts
 * import { clipByGlobalNorm } from '@dl/optim';
 * const t = clipByGlobalNorm(1);
 * const [u] = t.update([new Float64Array([3]), new Float64Array([4])], t.init([new Float64Array(1), new Float64Array(1)]));
 * (u as Float64Array[])[0][0]; // 0.6
 * (u as Float64Array[])[1][0]; // 0.8
 * ```
 * @see {@link https://pytorch.org/docs/1.13/generated/torch.nn.utils.clip_grad_norm_.html | torch.nn.utils.clip_grad_norm_}
 */
export function clipByGlobalNorm(maxNorm: number): GradientTransformation<ClipByGlobalNormState> {
  const fn = 'clipByGlobalNorm';
  checkPositive(fn, 'maxNorm', maxNorm);
  return transformation<ClipByGlobalNormState>(fn, {
    init: () => ({}),
    update(grads) {
      let total = 0;
      for (const g of grads) {
        if (!g) continue;
        let s = 0;
        for (let i = 0; i < g.data.length; i++) s += g.data[i]! * g.data[i]!;
        total += s;
      }
      const coef = Math.min(1, maxNorm / (Math.sqrt(total) + 1e-6));
      const updates = mapLeaves(grads, (g) => {
        const R = roundFor(g.data);
        const c = R(coef);
        const u = zerosLike(g);
        for (let i = 0; i < u.length; i++) u[i] = R(g.data[i]! * c);
        return u;
      });
      return [updates, {}];
    },
  });
}
