/**
 * The version of the `@dl` tensor interchange contract described by {@link TensorData}. It changes only when the
 * contract changes incompatibly. A {@link TensorData} may carry it as `version`; {@link fromData} rejects any
 * other version.
 */
export const INTERFACE_VERSION = 1;

/**
 * Float32 tensor data in the `@dl` interchange contract (version {@link INTERFACE_VERSION}): a shape and a
 * contiguous row-major `Float32Array`.
 */
export interface Float32TensorData {
  /** The size of each dimension, outermost first; `[]` for a scalar. Non-negative integers. */
  readonly shape: readonly number[];
  /** Exactly $\prod \mathrm{shape}$ elements in row-major order (the last index varies fastest). */
  readonly data: Float32Array;
  /** The contract version, {@link INTERFACE_VERSION}, when the producer states it. */
  readonly version?: number;
}

/**
 * Int32 tensor data in the `@dl` interchange contract, for labels and indices: a shape and a contiguous row-major
 * `Int32Array`.
 */
export interface Int32TensorData {
  /** The size of each dimension, outermost first; `[]` for a scalar. Non-negative integers. */
  readonly shape: readonly number[];
  /** Exactly $\prod \mathrm{shape}$ elements in row-major order (the last index varies fastest). */
  readonly data: Int32Array;
  /** The contract version, {@link INTERFACE_VERSION}, when the producer states it. */
  readonly version?: number;
}

/**
 * The `@dl` tensor interchange contract, version {@link INTERFACE_VERSION}: any object with a `shape` and a
 * contiguous row-major typed array `data` — `Float32Array` for values ({@link Float32TensorData}) or `Int32Array`
 * for labels and indices ({@link Int32TensorData}) — with `data.length` equal to the product of `shape`.
 *
 * Element $(i_0, \dots, i_{r-1})$ is at `data[offset]` with $\mathrm{offset} = \sum_k i_k \prod_{j>k}
 * \mathrm{shape}_j$. There are no strides, no byte offsets beyond the typed array's own view, no dtype field
 * (the array type is the dtype). Producers need not depend on `@dl`: a plain object literal is valid.
 * {@link fromData} wraps such an object as a {@link Tensor} without copying; {@link toData} goes back.
 *
 * @example
 * ```ts
 * import { fromData, isTensorData, type TensorData } from '@dl/tensor';
 * const d: TensorData = { shape: [2, 2], data: new Float32Array([1, 2, 3, 4]) };
 * isTensorData(d); // true
 * fromData(d).toArray(); // [[1, 2], [3, 4]]
 * ```
 */
export type TensorData = Float32TensorData | Int32TensorData;
