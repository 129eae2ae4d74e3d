import { formatShape, shapesEqual } from '../shape';
import type { Tensor } from '../tensor';
import { checkAxis } from './_check';
import { checkTensorList, concat } from './concat';
import { reshape } from './reshape';

/**
 * Joins tensors of one shape along a new axis inserted at `axis`.
 *
 * $\operatorname{stack}(x^{(1)}, \ldots, x^{(k)})_{\ldots, j, \ldots} = x^{(j)}$; the gradient of each input is
 * its slice of $g$.
 *
 * @param tensors - one or more tensors of one shape and dtype.
 * @param axis - the new axis's position in the result, in `[-rank-1, rank]`. Default: 0.
 * @returns a tensor of rank `rank + 1`.
 * @example
 * ```ts
 * import { stack, tensor } from '@dl/tensor';
 * stack([tensor([1, 2]), tensor([3, 4])]).toArray(); // [[1, 2], [3, 4]]
 * stack([tensor([1, 2]), tensor([3, 4])], 1).toArray(); // [[1, 3], [2, 4]]
 * ```
 * @see {@link https://pytorch.org/docs/1.13/generated/torch.stack.html | torch.stack}
 */
export function stack(tensors: readonly Tensor[], axis = 0): Tensor {
  const list = checkTensorList('stack', tensors);
  const first = list[0]!;
  const a = checkAxis('stack', axis, first.rank, 1);
  list.forEach((t, i) => {
    if (!shapesEqual(t.shape, first.shape)) {
      throw new RangeError(
        `stack: tensors[${i}] has shape ${formatShape(t.shape)}, expected tensors[0]'s shape ${formatShape(first.shape)}`,
      );
    }
  });
  const shape = first.shape.slice();
  shape.splice(a, 0, 1);
  return concat(
    list.map((t) => reshape(t, shape)),
    a,
  );
}
