import { defineOptions } from '@dl/internal';
import type { Tensor } from '../tensor';
import { checkAxis, checkTensor } from './_check';
import { reshape } from './reshape';

/** Options of {@link flatten}. */
export interface FlattenOptions {
  /**
   * First axis to flatten (negative counts from the end).
   * @defaultValue 0
   */
  startDim?: number;
  /**
   * Last axis to flatten, inclusive (negative counts from the end).
   * @defaultValue -1
   */
  endDim?: number;
}

/** @internal The checker of {@link FlattenOptions}. */
export const flattenOptions = /* @__PURE__ */ defineOptions<FlattenOptions>()('flatten', {
  startDim: 0,
  endDim: -1,
});

/**
 * Merges the axes `startDim..endDim` (inclusive) into one. Shares `x`'s data. A scalar becomes shape `[1]`.
 *
 * $\operatorname{shape}(y) = [d_0, \ldots, d_{s-1}, \prod_{i=s}^{e} d_i, d_{e+1}, \ldots]$
 *
 * @param x - the input.
 * @param options - `startDim` (default 0) and `endDim` (default -1); see {@link FlattenOptions}.
 * @returns the flattened tensor.
 * @example
 * ```ts
 * import { flatten, tensor } from '@dl/tensor';
 * const x = tensor([[[1, 2], [3, 4]], [[5, 6], [7, 8]]]);
 * flatten(x).shape; // [8]
 * flatten(x, { startDim: 1 }).shape; // [2, 4]
 * ```
 * @see {@link https://pytorch.org/docs/1.13/generated/torch.flatten.html | torch.flatten}
 */
export function flatten(x: Tensor, options: FlattenOptions = {}): Tensor {
  const o = flattenOptions(options, 'flatten');
  checkTensor('flatten', 'x', x);
  if (x.rank === 0) return reshape(x, [1]);
  const s = checkAxis('flatten', o.startDim, x.rank, 0, 'startDim');
  const e = checkAxis('flatten', o.endDim, x.rank, 0, 'endDim');
  if (s > e) {
    throw new RangeError(
      `flatten: startDim (${o.startDim}) must not come after endDim (${o.endDim}) for shape [${x.shape.join(', ')}]`,
    );
  }
  let merged = 1;
  for (let i = s; i <= e; i++) merged *= x.shape[i]!;
  return reshape(x, [...x.shape.slice(0, s), merged, ...x.shape.slice(e + 1)]);
}
