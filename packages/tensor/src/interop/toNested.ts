import { markDisposed, type NestedArray, Tensor } from '../tensor';
import { checkTensorData } from './_check';
import type { TensorData } from './TensorData';

/**
 * The elements of a tensor or {@link TensorData} as nested JavaScript arrays mirroring the shape (a number for a
 * scalar).
 *
 * @param x - a tensor or interchange data.
 * @returns nested arrays of numbers.
 * @example
 * ```ts
 * import { toNested } from '@dl/tensor';
 * toNested({ shape: [2, 2], data: new Int32Array([1, 2, 3, 4]) }); // [[1, 2], [3, 4]]
 * ```
 * @see https://pytorch.org/docs/1.13/generated/torch.Tensor.tolist.html
 */
export function toNested(x: Tensor | TensorData): NestedArray {
  if (x instanceof Tensor) return x.toArray();
  const { shape, dtype } = checkTensorData('toNested', 'x', x, true);
  const t = new Tensor(x.data, shape, dtype);
  const nested = t.toArray();
  markDisposed(t); // a temporary: a tidy() must never recycle x's buffer through it
  return nested;
}
