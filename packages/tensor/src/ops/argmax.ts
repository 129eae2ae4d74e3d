import { defineOptions } from '@dl/internal';
import type { Tensor } from '../tensor';
import { argExtreme } from './_argExtreme';

/** Options of {@link argmax} and {@link argmin}. */
export interface ArgReduceOptions {
  /**
   * The axis to reduce (negative counts from the end). When omitted the tensor is flattened and the flat index
   * is returned.
   * @defaultValue undefined (flattened)
   */
  axis?: number;
  /**
   * Keep the reduced axis as a dimension of size 1 (all dimensions become 1 when `axis` is omitted).
   * @defaultValue false
   */
  keepDims?: boolean;
}

/** @internal The checker of {@link ArgReduceOptions}; a bare number is the axis (PyTorch's `dim`). */
export const argReduceOptions = /* @__PURE__ */ defineOptions<ArgReduceOptions>()(
  'argmax',
  { axis: undefined, keepDims: false },
  { positional: 'axis' },
);

/**
 * Index of the maximum along `axis` (of the flattened tensor when `axis` is omitted), as int32. Ties resolve to
 * the first occurrence and NaN counts as the maximum, like PyTorch and NumPy.
 *
 * $\operatorname{argmax}(x)_j = \min \{\, i : x_{ij} = \max_k x_{kj} \,\}$
 *
 * Not differentiable (the result is an int32 tensor).
 *
 * @param x - the input (any dtype, at least one element).
 * @param options - `axis` and `keepDims`; see {@link ArgReduceOptions}.
 * @returns an int32 tensor of indices.
 * @example
 * ```ts
 * import { argmax, tensor } from '@dl/tensor';
 * const x = tensor([[1, 9, 9], [4, 2, 0]]);
 * argmax(x).item(); // 1
 * argmax(x, { axis: 1 }).toArray(); // [1, 0]
 * argmax(x, { axis: 0 }).dtype; // 'int32'
 * ```
 * @see {@link https://pytorch.org/docs/1.13/generated/torch.argmax.html | torch.argmax}
 */
export function argmax(x: Tensor, options: ArgReduceOptions | number = {}): Tensor {
  return argExtreme('argmax', 1, x, argReduceOptions(options, 'argmax'));
}
