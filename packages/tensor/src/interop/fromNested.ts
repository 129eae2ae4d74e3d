import { finish } from '../creation/tensor';
import { allocate, type DType } from '../dtype';
import { formatShape } from '../shape';
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
  const fn = 'fromNested';
  if (typeof values !== 'number' && !Array.isArray(values)) {
    throw new TypeError(
      `${fn}: values must be a number or nested arrays of numbers, got ${values === null ? 'null' : typeof values}`,
    );
  }
  const shape: number[] = [];
  for (let v: NestedArray = values; Array.isArray(v); v = v[0]!) {
    shape.push(v.length);
    if (v.length === 0) break;
  }
  const dtype = options.dtype ?? 'float32';
  const data = allocate(
    dtype,
    shape.reduce((a, b) => a * b, 1),
  );
  let k = 0;
  const path: number[] = [];
  const walk = (v: NestedArray, dim: number): void => {
    if (dim === shape.length) {
      if (typeof v !== 'number') {
        throw new TypeError(
          `${fn}: values[${path.join('][')}] must be a number, got ${Array.isArray(v) ? 'an array' : v === null ? 'null' : typeof v}`,
        );
      }
      data[k++] = v;
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
  return finish(new Tensor(data, shape, dtype), fn, options);
}
