/**
 * Element types a {@link Tensor} can hold.
 *
 * - `float32`: the interchange type of the tensor contract (a `Float32Array`).
 * - `float64`: for numerically demanding work such as finite-difference gradient checks (a `Float64Array`).
 * - `int32`: labels and indices (an `Int32Array`); never differentiable.
 */
export type DType = 'float32' | 'float64' | 'int32';

/** The typed array that backs each {@link DType}. */
export interface DTypeArrayMap {
  /** 32-bit floats: the interchange type. */
  float32: Float32Array;
  /** 64-bit floats: for gradient checks and numerically demanding work. */
  float64: Float64Array;
  /** 32-bit signed integers: labels and indices. */
  int32: Int32Array;
}

/** Any typed array a {@link Tensor} can be backed by. */
export type TensorArray = Float32Array | Float64Array | Int32Array;

/** @internal The dtype of a typed array, or `undefined` when it is not one of the supported kinds. */
export function dtypeOfArray(data: unknown): DType | undefined {
  if (data instanceof Float32Array) return 'float32';
  if (data instanceof Float64Array) return 'float64';
  if (data instanceof Int32Array) return 'int32';
  return undefined;
}

/** @internal Whether `dtype` is a floating-point type (and so can carry gradients). */
export function isFloat(dtype: DType): boolean {
  return dtype !== 'int32';
}
