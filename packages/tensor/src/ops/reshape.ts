import { describe } from '@dl/internal';
import { SAVES_NONE } from '../autograd/node';
import { record } from '../autograd/record';
import { deviceOf } from '../device';
import { viewOf } from '../memory/_view';
import { formatShape, type Shape } from '../shape';
import { Tensor } from '../tensor';
import { checkTensor } from './_check';

/** @internal A view of the device tensor `x` with `shape`, sharing its storage (`x` must not be disposed). */
export function shareStorage(fn: string, x: Tensor, shape: number[]): Tensor {
  deviceOf(fn, [x], ['x']);
  return new Tensor(x.storage!.share(), shape, x.dtype);
}

/**
 * The same elements with a new shape (no copy). One dimension may be `-1`, inferred from the others.
 *
 * @param x - the input.
 * @param shape - the new shape; its size must equal `x.size`.
 * @returns a tensor sharing `x`'s data.
 * @example
 * ```ts
 * import { reshape, tensor } from '@dl/tensor';
 * reshape(tensor([1, 2, 3, 4, 5, 6]), [2, -1]).shape; // [2, 3]
 * ```
 */
export function reshape(x: Tensor, shape: Shape): Tensor {
  checkTensor('reshape', 'x', x);
  if (!Array.isArray(shape))
    throw new TypeError(`reshape: shape must be an array of integers, got ${describe(shape)}`);
  let inferred = -1;
  let known = 1;
  shape.forEach((d, i) => {
    if (d === -1 && inferred === -1) inferred = i;
    else if (!Number.isInteger(d) || d < 0) {
      throw new TypeError(
        `reshape: shape must hold non-negative integers and at most one -1, got ${formatShape(shape)}`,
      );
    } else known *= d;
  });
  const out = shape.slice();
  if (inferred >= 0) {
    if (known === 0 || x.size % known !== 0) {
      throw new RangeError(
        `reshape: cannot reshape ${formatShape(x.shape)} (${x.size} elements) into ${formatShape(shape)}`,
      );
    }
    out[inferred] = x.size / known;
  } else if (known !== x.size) {
    throw new RangeError(
      `reshape: cannot reshape ${formatShape(x.shape)} (${x.size} elements) into ${formatShape(shape)}`,
    );
  }
  const inShape = x.shape;
  // a device tensor's view shares its memory (and is checked: a disposed input is an error naming reshape)
  const view = x.storage === null ? viewOf(x, out) : shareStorage('reshape', x, out);
  return record('reshape', view, [x], (g) => [reshape(g, inShape)], SAVES_NONE);
}
