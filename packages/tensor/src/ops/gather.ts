import { formatShape } from '../shape';
import type { Tensor } from '../tensor';
import { checkAxis, checkIndex, checkTensor } from './_check';
import { gatherAt, gatherOffsets } from './_scatter';

/**
 * Gathers values along `axis` at the positions given by `index` (PyTorch `torch.gather` semantics). `index` has
 * the rank of `x`, and `index.shape[d] <= x.shape[d]` for every `d != axis`; the result has `index`'s shape.
 *
 * For `axis = 1` of a 3-D tensor: $y_{ijk} = x_{i,\,\text{index}_{ijk},\,k}$. The gradient scatter-adds $g$
 * into zeros of `x`'s shape (repeated indices accumulate).
 *
 * @param x - the source tensor.
 * @param index - an int32 tensor of positions in `[0, x.shape[axis])`.
 * @param axis - the axis to index along (negative counts from the end).
 * @returns a tensor of `index`'s shape and `x`'s dtype.
 * @example
 * ```ts
 * import { gather, tensor } from '@dl/tensor';
 * const x = tensor([[1, 2], [3, 4]]);
 * gather(x, tensor([[0, 0], [1, 0]], { dtype: 'int32' }), 1).toArray(); // [[1, 1], [4, 3]]
 * ```
 * @see {@link https://pytorch.org/docs/1.13/generated/torch.gather.html | torch.gather}
 */
export function gather(x: Tensor, index: Tensor, axis: number): Tensor {
  checkTensor('gather', 'x', x);
  checkIndex('gather', 'index', index);
  const rank = Math.max(x.rank, 1);
  const a = checkAxis('gather', axis, rank);
  const ok = index.rank === x.rank && index.shape.every((d, k) => k === a || d <= x.shape[k]!);
  if (!ok) {
    throw new RangeError(
      `gather: index has shape ${formatShape(index.shape)}, expected the rank of x (${formatShape(x.shape)}) and sizes no larger than x's outside axis ${a}`,
    );
  }
  return gatherAt(x, gatherOffsets('gather', x.shape, index, a), index.shape);
}
