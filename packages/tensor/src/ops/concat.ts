import { describe } from '@dl/internal';
import { noGrad } from '../autograd/gradMode';
import { SAVES_NONE } from '../autograd/node';
import { record } from '../autograd/record';
import { dispatch, onDevice } from '../dispatch';
import { allocUninit } from '../memory/_pool';
import { formatShape } from '../shape';
import { Tensor } from '../tensor';
import { checkAxis } from './_check';
import { stridedSlice } from './_strided';

/** @internal Validates the list of tensors of {@link concat} / {@link stack}. */
export function checkTensorList(fn: string, tensors: unknown): Tensor[] {
  if (!Array.isArray(tensors) || tensors.length === 0) {
    throw new TypeError(`${fn}: tensors must be a non-empty array of Tensors, got ${describe(tensors)}`);
  }
  tensors.forEach((t, i) => {
    if (!(t instanceof Tensor))
      throw new TypeError(`${fn}: tensors[${i}] must be a Tensor, got ${describe(t)}`);
    if (t.dtype !== tensors[0].dtype) {
      throw new TypeError(
        `${fn}: dtypes differ: tensors[0] is ${tensors[0].dtype} but tensors[${i}] is ${t.dtype}; convert with cast() first`,
      );
    }
  });
  return tensors as Tensor[];
}

/**
 * Joins tensors along an existing axis. All shapes must agree except along `axis`.
 *
 * $\operatorname{concat}(x^{(1)}, \ldots, x^{(k)})$ places $x^{(j)}$ at offsets
 * $\sum_{l<j} d^{(l)}_{\text{axis}}$ along `axis`; the gradient of each input is the matching slice of $g$.
 *
 * @param tensors - one or more tensors of one dtype and rank.
 * @param axis - the axis to join along (negative counts from the end). Default: 0.
 * @returns the joined tensor.
 * @example
 * ```ts
 * import { concat, tensor } from '@dl/tensor';
 * concat([tensor([[1, 2]]), tensor([[3, 4], [5, 6]])]).toArray(); // [[1, 2], [3, 4], [5, 6]]
 * concat([tensor([[1], [2]]), tensor([[3], [4]])], 1).toArray(); // [[1, 3], [2, 4]]
 * ```
 * @see {@link https://pytorch.org/docs/1.13/generated/torch.cat.html | torch.cat}
 */
export function concat(tensors: readonly Tensor[], axis = 0): Tensor {
  const list = checkTensorList('concat', tensors);
  const first = list[0]!;
  const rank = first.rank;
  if (rank === 0)
    throw new RangeError('concat: tensors must have at least one dimension, got a scalar (shape [])');
  const a = checkAxis('concat', axis, rank);
  list.forEach((t, i) => {
    const ok = t.rank === rank && t.shape.every((d, k) => k === a || d === first.shape[k]);
    if (!ok) {
      throw new RangeError(
        `concat: tensors[${i}] has shape ${formatShape(t.shape)}, which does not match tensors[0]'s shape ${formatShape(first.shape)} except along axis ${a}`,
      );
    }
  });
  if (list.some((t) => onDevice(t))) {
    const moved = dispatch(
      'concat',
      'concat',
      list,
      list.map((_, i) => `tensors[${i}]`),
      { axis: a },
      () => noGrad(() => concat(list, a)),
    );
    return recordConcat(moved, list, a);
  }
  let outer = 1;
  for (let k = 0; k < a; k++) outer *= first.shape[k]!;
  let inner = 1;
  for (let k = a + 1; k < rank; k++) inner *= first.shape[k]!;
  let total = 0;
  for (const t of list) total += t.shape[a]!;
  const row = total * inner;
  const out = allocUninit(first.dtype, outer * row);
  let offset = 0;
  for (const t of list) {
    const chunk = t.shape[a]! * inner;
    const d = t.data;
    for (let o = 0; o < outer; o++) {
      const src = o * chunk;
      const dst = o * row + offset;
      if (chunk >= 64) out.set(d.subarray(src, src + chunk), dst);
      else for (let j = 0; j < chunk; j++) out[dst + j] = d[src + j]!;
    }
    offset += chunk;
  }
  const shape = first.shape.slice();
  shape[a] = total;
  return recordConcat(new Tensor(out, shape, first.dtype), list, a);
}

/** @internal Records `result` as the concatenation of `list` along axis `a` (its gradient: slices of g). */
function recordConcat(result: Tensor, list: readonly Tensor[], a: number): Tensor {
  const rank = result.rank;
  return record(
    'concat',
    result,
    list,
    (g) => {
      let start = 0;
      const ones = new Array<number>(rank).fill(1);
      return list.map((t) => {
        const starts = new Array<number>(rank).fill(0);
        starts[a] = start;
        start += t.shape[a]!;
        return t.requiresGrad ? stridedSlice(g, starts, ones, t.shape) : null;
      });
    },
    SAVES_NONE,
  );
}
