import { checkShape, type Shape } from '../shape';
import type { Tensor } from '../tensor';
import { fullAs } from './full';
import { readTensorOptions, type TensorOptions } from './tensor';

/**
 * A tensor of the given shape filled with zeros: $x_i = 0$.
 *
 * @param shape - the shape, e.g. `[2, 3]` (`[]` for a scalar); non-negative integers.
 * @param options - dtype (default `'float32'`) and `requiresGrad`; see {@link TensorOptions}.
 * @returns the new tensor.
 * @example
 * ```ts
 * import { zeros } from '@dl/tensor';
 * zeros([2, 2]).toArray(); // [[0, 0], [0, 0]]
 * zeros([3], { dtype: 'int32' }).dtype; // 'int32'
 * ```
 * @see https://pytorch.org/docs/1.13/generated/torch.zeros.html
 */
export function zeros(shape: Shape, options: TensorOptions = {}): Tensor {
  return fullAs('zeros', checkShape('zeros', 'shape', shape), 0, readTensorOptions(options, 'zeros'));
}
