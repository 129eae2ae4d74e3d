import { defineOptions } from '@dl/internal';
import { finish } from '../creation/tensor';
import type { TensorArray } from '../dtype';
import { markShared } from '../memory/_pool';
import { Tensor } from '../tensor';
import { checkTensorData } from './_check';

/** Options of {@link fromData}. */
export interface FromDataOptions {
  /**
   * Record operations on the result for autograd (float data only).
   * @defaultValue false
   */
  requiresGrad?: boolean;
}

/** @internal The checker of {@link FromDataOptions}. */
export const fromDataOptions = /* @__PURE__ */ defineOptions<FromDataOptions>()('fromData', {
  requiresGrad: false,
});

/**
 * Wraps interchange data ({@link TensorData}) as a {@link Tensor} WITHOUT copying: the tensor's `data` is the very
 * same typed array, so writes through either are visible through the other. The shape is copied.
 *
 * The object is validated: `shape` must hold non-negative integers, `data` must be a `Float32Array` or an
 * `Int32Array` (a `Float64Array` is accepted too, giving a float64 tensor) whose length is the product of the
 * shape, and `version`, if present, must be {@link INTERFACE_VERSION}.
 *
 * @param d - a {@link TensorData} (or float64 data), e.g. `{ shape: [2, 3], data: new Float32Array(6) }`.
 * @param options - `requiresGrad`; see {@link FromDataOptions}.
 * @returns a tensor sharing `d.data`.
 * @example
 * ```ts
 * import { fromData } from '@dl/tensor';
 * const data = new Float32Array([1, 2, 3, 4, 5, 6]);
 * const t = fromData({ shape: [2, 3], data });
 * data[0] = 9;
 * t.toArray(); // [[9, 2, 3], [4, 5, 6]]
 * t.data === data; // true
 * ```
 * @see https://pytorch.org/docs/1.13/generated/torch.from_numpy.html
 */
export function fromData(
  d: {
    readonly shape: readonly number[];
    readonly data: Float32Array | Int32Array | Float64Array;
    readonly version?: number;
  },
  options: FromDataOptions = {},
): Tensor {
  options = fromDataOptions(options, 'fromData');
  const { shape, dtype } = checkTensorData('fromData', 'd', d, true);
  markShared(d.data as TensorArray); // the caller's array (or another tensor's): never recycled
  return finish(new Tensor(d.data as TensorArray, shape, dtype), 'fromData', options);
}
