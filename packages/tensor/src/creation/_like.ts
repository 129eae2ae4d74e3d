import { describe } from '@dl/internal';
import { Tensor } from '../tensor';
import { full } from './full';
import type { TensorOptions } from './tensor';

/** @internal A new tensor with the shape (and, unless overridden, dtype) of `x`, filled with `value`. */
export function filledLike(fn: string, x: Tensor, value: number, options: TensorOptions): Tensor {
  if (!(x instanceof Tensor)) {
    throw new TypeError(`${fn}: x must be a Tensor, got ${describe(x)}`);
  }
  return full(x.shape, value, { ...options, dtype: options.dtype ?? x.dtype });
}
