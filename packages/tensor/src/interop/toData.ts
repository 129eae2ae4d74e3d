import { describe } from '@dl/internal';
import { Tensor } from '../tensor';
import type { TensorData } from './TensorData';

/**
 * The interchange form ({@link TensorData}) of a tensor. A float32 or int32 tensor's typed array is shared, not
 * copied; a float64 tensor is rounded into a new `Float32Array` (the contract carries float32 values).
 *
 * @param t - the tensor.
 * @returns `{ shape, data }` with a fresh shape array.
 * @example
 * ```ts
 * import { tensor, toData } from '@dl/tensor';
 * const t = tensor([[1, 2], [3, 4]]);
 * const d = toData(t);
 * d.shape; // [2, 2]
 * d.data === t.data; // true
 * ```
 * @see https://pytorch.org/docs/1.13/generated/torch.Tensor.numpy.html
 */
export function toData(t: Tensor): TensorData {
  if (!(t instanceof Tensor)) throw new TypeError(`toData: t must be a Tensor, got ${describe(t)}`);
  const shape = t.shape.slice();
  if (t.dtype === 'float64') return { shape, data: Float32Array.from(t.data) };
  return { shape, data: t.data } as TensorData;
}
