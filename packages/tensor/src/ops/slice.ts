import { describe } from '@dl/internal';
import type { Tensor } from '../tensor';
import { checkTensor } from './_check';
import { stridedSlice } from './_strided';

/**
 * One entry of a {@link slice} specification: `null` keeps the whole axis; `[start, end?, step?]` selects
 * `start, start + step, …` up to but excluding `end`, with Python semantics (negative counts from the end,
 * out-of-range bounds are clamped, `end` `null`, `undefined` or omitted means the end of the axis, `step` ≥ 1).
 */
export type SliceRange = null | readonly [start: number, end?: number | null, step?: number];

/**
 * Basic slicing, like PyTorch's `x[a:b, :, c:d:s]`: one {@link SliceRange} per leading axis; axes beyond the
 * list are kept whole. Returns a copy.
 *
 * $y_{i_0 i_1 \ldots} = x_{s_0 + i_0 k_0,\; s_1 + i_1 k_1,\; \ldots}$; the gradient scatters $g$ back into
 * zeros of `x`'s shape.
 *
 * Bounds follow Python: `[-2]` is the last two elements, `[1, -1]` drops the first and the last, `[5, 10]` on an
 * axis of size 3 is empty. `torch.narrow(x, dim, start, length)` is
 * `slice(x, [...nulls for dims before, [start, start + length]])`.
 *
 * @param x - the input.
 * @param ranges - at most `rank` entries, one per leading axis.
 * @returns the selected elements, with the same rank as `x`.
 * @example
 * ```ts
 * import { slice, tensor } from '@dl/tensor';
 * const x = tensor([[0, 1, 2, 3], [4, 5, 6, 7], [8, 9, 10, 11]]);
 * slice(x, [[1]]).toArray(); // [[4, 5, 6, 7], [8, 9, 10, 11]]
 * slice(x, [null, [-2]]).toArray(); // [[2, 3], [6, 7], [10, 11]]
 * slice(x, [[0, 3, 2], [1, 3]]).toArray(); // [[1, 2], [9, 10]]
 * ```
 * @see {@link https://pytorch.org/docs/1.13/tensor_view.html | PyTorch indexing},
 *   {@link https://pytorch.org/docs/1.13/generated/torch.narrow.html | torch.narrow}
 */
export function slice(x: Tensor, ranges: readonly SliceRange[]): Tensor {
  checkTensor('slice', 'x', x);
  if (!Array.isArray(ranges)) {
    throw new TypeError(
      `slice: ranges must be an array of [start, end?, step?] or null, got ${describe(ranges)}`,
    );
  }
  if (ranges.length > x.rank) {
    throw new RangeError(
      `slice: got ${ranges.length} ranges for a tensor of rank ${x.rank} (shape [${x.shape.join(', ')}])`,
    );
  }
  const starts: number[] = [];
  const steps: number[] = [];
  const shape: number[] = [];
  for (let d = 0; d < x.rank; d++) {
    const n = x.shape[d]!;
    const r = d < ranges.length ? ranges[d] : null;
    if (r === null || r === undefined) {
      starts.push(0);
      steps.push(1);
      shape.push(n);
      continue;
    }
    if (!Array.isArray(r) || r.length < 1 || r.length > 3) {
      throw new TypeError(`slice: ranges[${d}] must be null or [start, end?, step?], got ${describe(r)}`);
    }
    const [start, endOrNull, step = 1] = r as [number, number | null | undefined, number | undefined];
    const end = endOrNull ?? undefined;
    for (const [name, v] of [
      ['start', start],
      ['end', end],
    ] as const) {
      if (v !== undefined && (typeof v !== 'number' || !Number.isInteger(v))) {
        throw new TypeError(`slice: ranges[${d}] ${name} must be an integer, got ${describe(v)}`);
      }
    }
    if (typeof step !== 'number' || !Number.isInteger(step) || step < 1) {
      throw new RangeError(`slice: ranges[${d}] step must be a positive integer, got ${describe(step)}`);
    }
    const clamp = (v: number) => Math.min(n, Math.max(0, v < 0 ? v + n : v));
    const s = clamp(start);
    const e = end === undefined ? n : clamp(end);
    const len = e > s ? Math.ceil((e - s) / step) : 0;
    starts.push(len > 0 ? s : 0);
    steps.push(step);
    shape.push(len);
  }
  return stridedSlice(x, starts, steps, shape);
}
