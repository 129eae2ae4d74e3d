import { checkTensorData } from './_check';
import type { TensorData } from './TensorData';

/**
 * Whether `x` satisfies the interchange contract {@link TensorData}: a `shape` of non-negative integers and a
 * `Float32Array` or `Int32Array` `data` holding exactly $\prod \mathrm{shape}$ elements (and, if present,
 * `version === 1`). A {@link Tensor} of dtype float32 or int32 qualifies too.
 *
 * @param x - any value.
 * @returns true when `x` can be passed to {@link fromData}.
 * @example
 * ```ts
 * import { isTensorData } from '@dl/tensor';
 * isTensorData({ shape: [3], data: new Int32Array([1, 2, 3]) }); // true
 * isTensorData({ shape: [2], data: [1, 2] }); // false
 * isTensorData({ shape: [4], data: new Float32Array(3) }); // false
 * ```
 */
export function isTensorData(x: unknown): x is TensorData {
  try {
    checkTensorData('isTensorData', 'x', x, false);
    return true;
  } catch {
    return false;
  }
}
