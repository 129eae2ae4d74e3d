import { defineOptions, describe } from '@dl/internal';
import { checkDType, fillNested, finish, nestedShape } from '../creation/tensor';
import type { DType } from '../dtype';
import { allocUninit } from '../memory/_pool';
import { type NestedArray, Tensor } from '../tensor';

/** Options of {@link fromNested}. */
export interface FromNestedOptions {
  /**
   * Element type.
   * @defaultValue 'float32'
   */
  dtype?: DType;
  /**
   * Record operations on the result for autograd.
   * @defaultValue false
   */
  requiresGrad?: boolean;
}

/** @internal The checker of {@link FromNestedOptions}. */
export const fromNestedOptions = /* @__PURE__ */ defineOptions<FromNestedOptions>()('fromNested', {
  dtype: 'float32',
  requiresGrad: false,
});

/**
 * A tensor from nested JavaScript arrays of numbers (copied), shape inferred: `[[1, 2], [3, 4]]` has shape
 * `[2, 2]`, a bare number is a scalar. Ragged arrays and non-numbers are errors naming the offending index.
 *
 * @param values - a number or nested arrays of numbers.
 * @param options - dtype and `requiresGrad`; see {@link FromNestedOptions}.
 * @returns a new tensor.
 * @example
 * ```ts
 * import { fromNested } from '@dl/tensor';
 * fromNested([[1, 2, 3], [4, 5, 6]]).shape; // [2, 3]
 * fromNested(7).shape; // []
 * ```
 * @see https://pytorch.org/docs/1.13/generated/torch.tensor.html
 */
export function fromNested(values: NestedArray, options: FromNestedOptions = {}): Tensor {
  const o = fromNestedOptions(options, 'fromNested');
  const fn = 'fromNested';
  if (typeof values !== 'number' && !Array.isArray(values)) {
    throw new TypeError(
      `${fn}: values must be a number or nested arrays of numbers, got ${describe(values)}`,
    );
  }
  const shape = nestedShape(values);
  checkDType('fromNested', o.dtype);
  const dtype = o.dtype;
  const data = allocUninit(
    dtype,
    shape.reduce((x, y) => x * y, 1),
  );
  fillNested(fn, values, shape, data);
  return finish(new Tensor(data, shape, dtype), fn, options);
}
