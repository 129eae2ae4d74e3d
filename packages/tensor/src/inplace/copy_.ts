import { SAVES_NONE } from '../autograd/node';
import { checkTensor } from '../ops/_check';
import { broadcastTo } from '../ops/broadcastTo';
import { cast } from '../ops/cast';
import { fullLike } from '../ops/fullLike';
import { sumTo } from '../ops/sumTo';
import { shapesEqual } from '../shape';
import type { Tensor } from '../tensor';
import { inPlace } from './_inPlace';

/**
 * Copies the elements of `src` into `x` (broadcast to `x`'s shape, converted to `x`'s dtype) and returns `x` —
 * PyTorch's `x.copy_(src)`. Versions and autograd as described at {@link add_}: the gradient flows to `src`
 * (summed over broadcast axes), none to `x`'s old values.
 *
 * @param x - the tensor to modify (on the CPU).
 * @param src - a tensor that broadcasts to `x`'s shape.
 * @returns `x`.
 * @example
 * ```ts
 * import { copy_, tensor, zeros } from '@dl/tensor';
 * copy_(zeros([2, 2]), tensor([1, 2])).toArray(); // [[1, 2], [1, 2]]
 * ```
 * @see {@link https://pytorch.org/docs/1.13/generated/torch.Tensor.copy_.html | torch.Tensor.copy_}
 */
export function copy_(x: Tensor, src: Tensor): Tensor {
  const s = checkTensor('copy_', 'src', src);
  return inPlace(
    'copy_',
    x,
    (t) => {
      if (s.dtype === t.dtype && shapesEqual(s.shape, t.shape)) {
        t.data.set(s.data);
        return t;
      }
      // a new tensor either way (cast or broadcast makes one), never src itself
      const c = s.dtype === t.dtype ? s : cast(s, t.dtype);
      return shapesEqual(c.shape, t.shape) ? c : broadcastTo(c, t.shape);
    },
    () => ({
      others: [s],
      needsOld: false,
      saves: SAVES_NONE,
      // as PyTorch's CopyBackwards: zeros for the old values, the gradient (summed to src's shape) for src
      backward: (g, prev) => [
        prev.requiresGrad ? fullLike(g, 0) : null,
        s.requiresGrad ? sumTo(s.dtype === g.dtype ? g : cast(g, s.dtype), s.shape) : null,
      ],
    }),
    'clone or the out-of-place op',
  );
}
