import { record } from '../autograd/record';
import { onDevice } from '../dispatch';
import { allocUninit } from '../memory/_pool';
import { formatShape } from '../shape';
import { Tensor } from '../tensor';
import { checkAxis, checkIndex, checkTensor } from './_check';
import { deviceIndexSelect } from './_deviceIndexSelect';
import { scatterAddAt } from './_scatter';

/**
 * Selects the entries `index` along `axis` (PyTorch `torch.index_select`). Entries may repeat and come in any
 * order.
 *
 * For `axis = 0`: $y_{i\ldots} = x_{\text{index}_i\,\ldots}$. The gradient adds $g$'s rows back at the selected
 * positions (repeated indices accumulate).
 *
 * @param x - the source tensor (rank ≥ 1).
 * @param axis - the axis to select along (negative counts from the end).
 * @param index - a 1-D (or scalar) int32 tensor of positions in `[0, x.shape[axis])`.
 * @returns `x` with `shape[axis]` replaced by `index.size`.
 * @example
 * ```ts
 * import { indexSelect, tensor } from '@dl/tensor';
 * const x = tensor([[1, 2], [3, 4], [5, 6]]);
 * indexSelect(x, 0, tensor([2, 0, 2], { dtype: 'int32' })).toArray(); // [[5, 6], [1, 2], [5, 6]]
 * indexSelect(x, 1, tensor([1], { dtype: 'int32' })).toArray(); // [[2], [4], [6]]
 * ```
 * @see {@link https://pytorch.org/docs/1.13/generated/torch.index_select.html | torch.index_select}
 */
export function indexSelect(x: Tensor, axis: number, index: Tensor): Tensor {
  checkTensor('indexSelect', 'x', x);
  checkIndex('indexSelect', 'index', index);
  if (x.rank === 0)
    throw new RangeError('indexSelect: x must have at least one dimension, got a scalar (shape [])');
  if (index.rank > 1) {
    throw new RangeError(`indexSelect: index must be 1-D, got shape ${formatShape(index.shape)}`);
  }
  const a = checkAxis('indexSelect', axis, x.rank);
  const n = x.shape[a]!;
  let outer = 1;
  for (let k = 0; k < a; k++) outer *= x.shape[k]!;
  let inner = 1;
  for (let k = a + 1; k < x.rank; k++) inner *= x.shape[k]!;
  const m = index.size;
  const idx = index.data;
  for (let j = 0; j < m; j++) {
    if (idx[j]! < 0 || idx[j]! >= n) {
      throw new RangeError(
        `indexSelect: index[${j}] = ${idx[j]} is out of range for axis ${a} of size ${n} (shape ${formatShape(x.shape)})`,
      );
    }
  }
  // on a device: the gather kernel (ops/_deviceIndexSelect.ts)
  if (onDevice(x))
    return deviceIndexSelect(x, a, index, { outer, n, inner }, () => indexSelect(x, axis, index));
  const shape = x.shape.slice();
  shape[a] = m;
  const src = x.data;
  const out = allocUninit(x.dtype, outer * m * inner);
  gather(out, src, idx, outer, n, m, inner);
  const xShape = x.shape;
  return record('indexSelect', new Tensor(out, shape, x.dtype), [x], (g) => {
    // The adjoint adds rows back; as an offset scatter it is differentiable (its own adjoint is a gather).
    const offsets = new Int32Array(outer * m * inner);
    let e = 0;
    for (let o = 0; o < outer; o++) {
      for (let j = 0; j < m; j++) {
        const base = (o * n + idx[j]!) * inner;
        for (let i = 0; i < inner; i++) offsets[e++] = base + i;
      }
    }
    return [scatterAddAt(g, offsets, xShape)];
  });
}

/**
 * @internal Copies the rows `idx` of each of `outer` blocks of `n` rows of `inner` elements from `src` into `out`
 * (`m` rows per block): an element loop unrolled by four, with no `subarray` view per row. Rows of a training batch
 * are short (64 elements in the digits job), where a view and a `set` per row cost about twice the copy and leave
 * 2 objects of garbage per row.
 */
function gather(
  out: Tensor['data'],
  src: Tensor['data'],
  idx: Tensor['data'],
  outer: number,
  n: number,
  m: number,
  inner: number,
): void {
  if (inner >= 1024) {
    // long rows: set() copies as memcpy, and one view per row is little next to the row
    for (let o = 0; o < outer; o++) {
      for (let j = 0; j < m; j++) {
        const from = (o * n + idx[j]!) * inner;
        out.set(src.subarray(from, from + inner), (o * m + j) * inner);
      }
    }
    return;
  }
  let to = 0;
  for (let o = 0; o < outer; o++) {
    for (let j = 0; j < m; j++) {
      let from = (o * n + idx[j]!) * inner;
      const end = to + inner;
      for (; to + 4 <= end; to += 4, from += 4) {
        out[to] = src[from]!;
        out[to + 1] = src[from + 1]!;
        out[to + 2] = src[from + 2]!;
        out[to + 3] = src[from + 3]!;
      }
      for (; to < end; to++, from++) out[to] = src[from]!;
    }
  }
}
