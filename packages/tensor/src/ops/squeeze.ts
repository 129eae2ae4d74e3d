import { normalizeAxes } from '../shape';
import type { Tensor } from '../tensor';
import { checkTensor } from './_check';
import { reshape } from './reshape';

/**
 * Removes dimensions of size 1 (all of them, or those among `axis`); like PyTorch, a listed axis whose size is
 * not 1 is left in place. Shares `x`'s data.
 *
 * $\operatorname{shape}(y) = [\, d_i : d_i \ne 1 \text{ or } i \notin \text{axis} \,]$
 *
 * @param x - the input.
 * @param axis - the axis or axes to squeeze (negative counts from the end). Default: every axis of size 1.
 * @returns a tensor with those dimensions removed.
 * @example
 * ```ts
 * import { squeeze, tensor } from '@dl/tensor';
 * squeeze(tensor([[[1], [2]]])).shape; // [2]
 * squeeze(tensor([[[1], [2]]]), 0).shape; // [2, 1]
 * squeeze(tensor([[[1], [2]]]), 1).shape; // [1, 2, 1]
 * ```
 * @see {@link https://pytorch.org/docs/1.13/generated/torch.squeeze.html | torch.squeeze}
 */
export function squeeze(x: Tensor, axis?: number | readonly number[]): Tensor {
  checkTensor('squeeze', 'x', x);
  const axes = normalizeAxes('squeeze', axis, x.rank);
  const shape = x.shape.filter((d, i) => !(d === 1 && axes.includes(i)));
  return reshape(x, shape);
}
