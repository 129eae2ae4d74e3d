import { describe } from '@dl/internal';
import { allocUninit, allocZeroed } from '../memory/_pool';
import { checkShape, type Shape } from '../shape';
import { Tensor } from '../tensor';
import { finish, readTensorOptions, type TensorOptions } from './tensor';

/**
 * A tensor of the given shape filled with `value`.
 *
 * @param shape - the shape, e.g. `[2, 3]` (`[]` for a scalar).
 * @param value - the fill value.
 * @param options - dtype (default `'float32'`) and `requiresGrad`.
 * @returns the new tensor.
 * @example
 * ```ts
 * import { full } from '@dl/tensor';
 * full([2, 2], 7).toArray(); // [[7, 7], [7, 7]]
 * ```
 */
export function full(shape: Shape, value: number, options: TensorOptions = {}): Tensor {
  return fullAs('full', checkShape('full', 'shape', shape), value, readTensorOptions(options, 'full'));
}

/** @internal {@link full} for a checked shape and resolved options, errors named `fn` (zeros, ones, …). */
export function fullAs(fn: string, s: number[], value: number, options: TensorOptions): Tensor {
  const dtype = options.dtype ?? 'float32';
  if (typeof value !== 'number') throw new TypeError(`${fn}: value must be a number, got ${describe(value)}`);
  let size = 1;
  for (let i = 0; i < s.length; i++) size *= s[i]!;
  const data = value === 0 ? allocZeroed(dtype, size) : allocUninit(dtype, size).fill(value);
  return finish(new Tensor(data, s, dtype), fn, options);
}
