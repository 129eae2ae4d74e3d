import { checkNonNegative } from './_math';
import { mapLeaves, transformation, zerosLike } from './_transform';
import type { GradientTransformation } from './types';

/** The state of {@link clipByValue} (none: an empty record). */
export type ClipByValueState = Record<string, never>;

/**
 * Clips every update element to $[-c, c]$, as PyTorch's `clip_grad_value_`.
 *
 * @param clipValue - $c \ge 0$.
 * @returns the transformation.
 * @example
 * ```ts
 * import { clipByValue } from '@dl/optim';
 * const t = clipByValue(1);
 * const [u] = t.update([new Float64Array([-3, 0.5, 2])], t.init([new Float64Array(3)]));
 * Array.from((u as Float64Array[])[0]); // [-1, 0.5, 1]
 * ```
 * @see {@link https://pytorch.org/docs/1.13/generated/torch.nn.utils.clip_grad_value_.html | torch.nn.utils.clip_grad_value_}
 */
export function clipByValue(clipValue: number): GradientTransformation<ClipByValueState> {
  const fn = 'clipByValue';
  const c = checkNonNegative(fn, 'clipValue', clipValue);
  return transformation<ClipByValueState>(fn, {
    init: () => ({}),
    update: (grads) => [
      mapLeaves(grads, (g) => {
        const u = zerosLike(g);
        for (let i = 0; i < u.length; i++) u[i] = Math.min(c, Math.max(-c, g.data[i]!));
        return u;
      }),
      {},
    ],
  });
}
