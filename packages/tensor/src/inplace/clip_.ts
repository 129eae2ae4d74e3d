import { checkNumber, mapUnary } from '../kernels/unary';
import { type ClipOptions, clip, clipMaskLoop, clipOptions } from '../ops/clip';
import { mul } from '../ops/mul';
import type { Tensor } from '../tensor';
import { inPlace } from './_inPlace';

/**
 * Clamps every element of `x` into `[min, max]` in place and returns `x` — PyTorch's `x.clamp_(min, max)`;
 * values equal {@link clip}'s. Versions and autograd as described at {@link add_}: the gradient is 1 where
 * $\text{min} \le x_\text{old} \le \text{max}$, else 0 (a mask of the old values is kept).
 *
 * @param x - the tensor to modify (on the CPU).
 * @param options - `min` and/or `max` (at least one); see {@link ClipOptions}.
 * @returns `x`.
 * @example
 * ```ts
 * import { clip_, tensor } from '@dl/tensor';
 * clip_(tensor([-2, 0.5, 3]), { min: 0, max: 1 }).toArray(); // [0, 0.5, 1]
 * ```
 * @see {@link https://pytorch.org/docs/1.13/generated/torch.Tensor.clamp_.html | torch.Tensor.clamp_}
 */
export function clip_(x: Tensor, options: ClipOptions): Tensor {
  const { min, max } = clipOptions(options, 'clip_');
  if (min === undefined && max === undefined) {
    throw new TypeError('clip_: at least one of options.min and options.max must be given, got neither');
  }
  const lo = min === undefined ? Number.NEGATIVE_INFINITY : checkNumber('clip_', 'options.min', min, true);
  const hi = max === undefined ? Number.POSITIVE_INFINITY : checkNumber('clip_', 'options.max', max, true);
  return inPlace(
    'clip_',
    x,
    (t) => clip(t, { min: lo, max: hi }),
    () => ({
      others: [],
      needsOld: true,
      saves: 0b1,
      backward: (g, prev) => [mul(g, mapUnary('clip_', prev, clipMaskLoop, false, lo, hi, 'clipMask'))],
    }),
    'clip(x, options)',
  );
}
