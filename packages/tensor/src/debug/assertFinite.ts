import { badArgument } from '@dl/internal';
import { checkTensorData } from '../interop/_check';
import type { TensorData } from '../interop/TensorData';
import { Tensor } from '../tensor';
import { findNonFinite } from './findNonFinite';

/**
 * Throws a RangeError when `x` holds a NaN or an infinity, naming the tensor, the first offending index and its
 * value; returns `x` otherwise, so it can wrap an expression. Use it to catch divergence where it starts.
 *
 * @param x - a tensor or interchange data.
 * @param name - what to call `x` in the error message.
 * @returns `x`.
 * @defaultValue name: `'tensor'`
 * @example
 * ```ts
 * import { assertFinite, tensor } from '@dl/tensor';
 * assertFinite(tensor([1, 2]), 'logits').shape; // [2]
 * try {
 *   assertFinite(tensor([[1, 2], [3, Infinity]]), 'logits');
 * } catch (e) {
 *   e.message; // 'assertFinite: logits has a non-finite value Infinity at index [1, 1] (flat index 3) of shape [2, 2]'
 * }
 * ```
 * @see https://pytorch.org/docs/1.13/generated/torch.isfinite.html
 */
export function assertFinite<T extends Tensor | TensorData>(x: T, name = 'tensor'): T {
  if (typeof name !== 'string') throw badArgument('assertFinite', 'name', 'a string', name);
  if (!(x instanceof Tensor)) checkTensorData('assertFinite', 'x', x, true);
  const hit = findNonFinite(x);
  if (hit !== null) {
    throw new RangeError(
      `assertFinite: ${name} has a non-finite value ${hit.value} at index [${hit.multiIndex.join(', ')}] (flat index ${hit.index}) of shape [${x.shape.join(', ')}]`,
    );
  }
  return x;
}
