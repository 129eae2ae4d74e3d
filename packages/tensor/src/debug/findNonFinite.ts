import { checkTensorData } from '../interop/_check';
import type { TensorData } from '../interop/TensorData';
import { Tensor } from '../tensor';

/** Where {@link findNonFinite} found the first non-finite element. */
export interface NonFiniteEntry {
  /** The flat (row-major) index. */
  index: number;
  /** The value: `NaN`, `Infinity` or `-Infinity`. */
  value: number;
  /** The index per dimension, outermost first (`[]` for a scalar). */
  multiIndex: number[];
}

/** @internal The multi-index of flat `index` in `shape` (row-major). */
export function unravel(index: number, shape: readonly number[]): number[] {
  const out = new Array<number>(shape.length);
  for (let d = shape.length - 1; d >= 0; d--) {
    const n = shape[d]!;
    out[d] = index % n;
    index = Math.floor(index / n);
  }
  return out;
}

/**
 * The first element (in row-major order) that is NaN or $\pm\infty$, or null when all are finite.
 *
 * @param x - a tensor or interchange data.
 * @returns `{ index, value, multiIndex }` of the first non-finite element, or null.
 * @example
 * ```ts
 * import { findNonFinite, tensor } from '@dl/tensor';
 * findNonFinite(tensor([[1, 2], [NaN, 4]])); // { index: 2, value: NaN, multiIndex: [1, 0] }
 * findNonFinite(tensor([1, 2])); // null
 * ```
 * @see https://pytorch.org/docs/1.13/generated/torch.isfinite.html
 */
export function findNonFinite(x: Tensor | TensorData): NonFiniteEntry | null {
  if (!(x instanceof Tensor)) checkTensorData('findNonFinite', 'x', x, true);
  const data = x.data;
  if (data instanceof Int32Array) return null;
  const n = data.length;
  for (let i = 0; i < n; i++) {
    const v = data[i]!;
    // v - v is 0 for finite v and NaN for NaN and ±Infinity.
    if (v - v !== 0) return { index: i, value: v, multiIndex: unravel(i, x.shape) };
  }
  return null;
}
