import { defineOptions, describe } from '@dl/internal';
import { formatShape } from '../shape';
import type { Tensor } from '../tensor';
import { checkAxis, checkTensor } from './_check';
import { stridedSlice } from './_strided';

/** Options of {@link split}. */
export interface SplitOptions {
  /**
   * The axis to split (negative counts from the end).
   * @defaultValue 0
   */
  axis?: number;
}

/** @internal The checker of {@link SplitOptions}. */
export const splitOptions = /* @__PURE__ */ defineOptions<SplitOptions>()('split', { axis: 0 });

/**
 * Splits `x` along `axis` into chunks: of `splitSizeOrSections` elements each (the last may be smaller) when it
 * is a number, or of the listed sizes (which must sum to the axis length) when it is an array.
 *
 * $y^{(j)} = x_{\ldots,\, o_j : o_j + s_j,\, \ldots}$ with $o_j = \sum_{l<j} s_l$
 *
 * @param x - the input (rank ≥ 1).
 * @param splitSizeOrSections - the chunk size, or the list of chunk sizes.
 * @param options - `axis` (default 0); see {@link SplitOptions}.
 * @returns the chunks, in order (copies).
 * @example
 * ```ts
 * import { split, tensor } from '@dl/tensor';
 * split(tensor([1, 2, 3, 4, 5]), 2).map((t) => t.toArray()); // [[1, 2], [3, 4], [5]]
 * split(tensor([[1, 2, 3]]), [1, 2], { axis: 1 }).map((t) => t.shape); // [[1, 1], [1, 2]]
 * ```
 * @see {@link https://pytorch.org/docs/1.13/generated/torch.split.html | torch.split}
 */
export function split(
  x: Tensor,
  splitSizeOrSections: number | readonly number[],
  options: SplitOptions = {},
): Tensor[] {
  const o = splitOptions(options, 'split');
  checkTensor('split', 'x', x);
  if (x.rank === 0)
    throw new RangeError('split: x must have at least one dimension, got a scalar (shape [])');
  const a = checkAxis('split', o.axis, x.rank);
  const n = x.shape[a]!;
  let sizes: number[];
  if (typeof splitSizeOrSections === 'number') {
    const s = splitSizeOrSections;
    if (!Number.isInteger(s) || s < 1) {
      throw new RangeError(`split: splitSizeOrSections must be a positive integer, got ${describe(s)}`);
    }
    sizes = [];
    for (let o = 0; o < n; o += s) sizes.push(Math.min(s, n - o));
    if (n === 0) sizes.push(0);
  } else if (Array.isArray(splitSizeOrSections)) {
    sizes = splitSizeOrSections.slice();
    const total = sizes.reduce((p, q) => p + q, 0);
    if (sizes.some((s) => !Number.isInteger(s) || s < 0) || total !== n) {
      throw new RangeError(
        `split: sections [${sizes.join(', ')}] must be non-negative integers summing to ${n} (axis ${a} of shape ${formatShape(x.shape)})`,
      );
    }
  } else {
    throw new TypeError(
      `split: splitSizeOrSections must be a number or an array, got ${describe(splitSizeOrSections)}`,
    );
  }
  const ones = new Array<number>(x.rank).fill(1);
  let start = 0;
  return sizes.map((s) => {
    const starts = new Array<number>(x.rank).fill(0);
    starts[a] = start;
    start += s;
    const shape = x.shape.slice();
    shape[a] = s;
    return stridedSlice(x, starts, ones, shape);
  });
}
