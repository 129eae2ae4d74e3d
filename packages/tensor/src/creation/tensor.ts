import { badArgument, defineOptions, describe } from '@dl/internal';
import { type DType, dtypeOfArray, type TensorArray } from '../dtype';
import { allocUninit, markShared } from '../memory/_pool';
import { checkShape, formatShape, type Shape, sizeOf } from '../shape';
import { type NestedArray, Tensor } from '../tensor';

/** Options of {@link tensor} and the creation functions. */
export interface TensorOptions {
  /**
   * Element type.
   * @defaultValue the typed array's own type, else `'float32'`
   */
  dtype?: DType;
  /**
   * Record operations on the result for autograd.
   * @defaultValue false
   */
  requiresGrad?: boolean;
}

/** @internal The checker of {@link TensorOptions} (the dtype's default depends on the function, so it is computed). */
export const tensorOptions = /* @__PURE__ */ defineOptions<TensorOptions>()('zeros', {
  dtype: undefined,
  requiresGrad: false,
});

/** @internal The shape of nested arrays, read along the first element of each level. */
export function nestedShape(values: NestedArray): number[] {
  const shape: number[] = [];
  for (let v: NestedArray = values; Array.isArray(v); v = v[0]!) {
    shape.push(v.length);
    if (v.length === 0) break;
  }
  return shape;
}

/**
 * @internal Copies nested arrays of `shape` into `out` in row-major order; throws naming `fn` and the offending
 * position for ragged arrays and non-numbers.
 */
export function fillNested(fn: string, values: NestedArray, shape: Shape, out: TensorArray): void {
  let k = 0;
  const path: number[] = [];
  const walk = (v: NestedArray, dim: number): void => {
    if (dim === shape.length) {
      if (typeof v !== 'number') {
        throw new TypeError(`${fn}: values[${path.join('][')}] must be a number, got ${describe(v)}`);
      }
      out[k++] = v;
      return;
    }
    if (!Array.isArray(v) || v.length !== shape[dim]) {
      throw new RangeError(
        `${fn}: values are ragged: values[${path.join('][')}] has ${Array.isArray(v) ? `length ${v.length}` : 'no length'}, expected ${shape[dim]} to match shape ${formatShape(shape)}`,
      );
    }
    for (let i = 0; i < v.length; i++) {
      path.push(i);
      walk(v[i]!, dim + 1);
      path.pop();
    }
  };
  walk(values, 0);
}

/** @internal Finishes a freshly created tensor: applies `requiresGrad`. */
export function finish(t: Tensor, fn: string, options: TensorOptions): Tensor {
  if (options.requiresGrad) {
    if (t.dtype === 'int32') throw new TypeError(`${fn}: an int32 tensor cannot require gradients`);
    t.requiresGrad = true;
  }
  return t;
}

/** @internal Throws a TypeError naming `fn` unless `dtype` is undefined or one of the three dtypes. */
export function checkDType(fn: string, dtype: unknown): void {
  if (dtype !== undefined && dtype !== 'float32' && dtype !== 'float64' && dtype !== 'int32') {
    throw badArgument(fn, 'dtype', "'float32', 'float64' or 'int32'", dtype);
  }
}

/** @internal Reads {@link TensorOptions} for `fn` and checks the dtype. */
export function readTensorOptions(options: unknown, fn: string): TensorOptions {
  const o = tensorOptions(options, fn);
  checkDType(fn, o.dtype);
  return o;
}

/** @internal The checker of {@link tensor}'s options: {@link TensorOptions} and `shape`. */
const tensorShapeOptions = /* @__PURE__ */ defineOptions<TensorOptions & { shape?: Shape }>()('tensor', {
  dtype: undefined,
  requiresGrad: false,
  shape: undefined,
});

/**
 * Creates a tensor from a number, nested arrays of numbers, or a typed array (with a shape).
 *
 * Nested arrays are copied into a new typed array; their shape is inferred and must not be ragged. A typed
 * array is wrapped without copying when its type matches `dtype` (see {@link fromData}).
 *
 * @param values - a number (a scalar), nested arrays, or a typed array.
 * @param options - element type and `requiresGrad`; `shape` is required for a typed array other than 1-D.
 * @returns the new tensor.
 * @example
 * ```ts
 * import { tensor } from '@dl/tensor';
 * const a = tensor([[1, 2, 3], [4, 5, 6]]); // float32, shape [2, 3]
 * const labels = tensor([0, 2, 1], { dtype: 'int32' });
 * a.shape; // [2, 3]
 * ```
 */
export function tensor(
  values: NestedArray | TensorArray,
  options: TensorOptions & { shape?: Shape } = {},
): Tensor {
  options = tensorShapeOptions(options, 'tensor');
  checkDType('tensor', options.dtype);
  const fn = 'tensor';
  const arrayType = dtypeOfArray(values);
  if (arrayType !== undefined) {
    const data = values as TensorArray;
    const shape = options.shape === undefined ? [data.length] : checkShape(fn, 'shape', options.shape);
    const dtype = options.dtype ?? arrayType;
    if (sizeOf(shape) !== data.length) {
      throw new RangeError(
        `${fn}: shape ${formatShape(shape)} holds ${sizeOf(shape)} elements, got ${data.length} values`,
      );
    }
    const stored = dtype === arrayType ? data : allocUninit(dtype, data.length);
    if (stored !== data) stored.set(data);
    else markShared(data); // the caller's array (or another tensor's): never recycled
    return finish(new Tensor(stored, shape, dtype), fn, options);
  }
  if (typeof values !== 'number' && !Array.isArray(values)) {
    throw new TypeError(
      `${fn}: values must be a number, nested arrays of numbers or a typed array, got ${describe(values)}`,
    );
  }
  const shape = nestedShape(values);
  if (options.shape !== undefined && formatShape(options.shape) !== formatShape(shape)) {
    throw new RangeError(
      `${fn}: values have shape ${formatShape(shape)}, but shape ${formatShape(options.shape)} was given`,
    );
  }
  const dtype = options.dtype ?? 'float32';
  const data = allocUninit(dtype, sizeOf(shape));
  fillNested(fn, values, shape, data);
  return finish(new Tensor(data, shape, dtype), fn, options);
}
