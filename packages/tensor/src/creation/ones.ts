import { checkShape, type Shape } from '../shape';
import type { Tensor } from '../tensor';
import { fullAs } from './full';
import { readTensorOptions, type TensorOptions } from './tensor';

/**
 * A tensor of the given shape filled with ones: $x_i = 1$.
 *
 * @param shape - the shape, e.g. `[2, 3]` (`[]` for a scalar); non-negative integers.
 * @param options - dtype (default `'float32'`) and `requiresGrad`; see {@link TensorOptions}.
 * @returns the new tensor.
 * @example
 * ```ts
 * import { ones } from '@dl/tensor';
 * ones([2, 3]).toArray(); // [[1, 1, 1], [1, 1, 1]]
 * ```
 * @see https://pytorch.org/docs/1.13/generated/torch.ones.html
 */
export function ones(shape: Shape, options: TensorOptions = {}): Tensor {
  return fullAs('ones', checkShape('ones', 'shape', shape), 1, readTensorOptions(options, 'ones'));
}
