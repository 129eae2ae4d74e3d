import { describe } from '@dl/internal';
import { Tensor } from '../tensor';
import { checkTensorData } from './_check';
import type { TensorData } from './TensorData';

/**
 * The part of the TensorFlow.js namespace that {@link toTf} uses: `tf.tensor(values, shape, dtype)`. Passing the
 * namespace in keeps `@dl/tensor` free of any TensorFlow.js import.
 */
export interface TfNamespaceLike<T> {
  /** Creates a TensorFlow.js tensor (as `tf.tensor` does). */
  tensor(values: Float32Array | Int32Array, shape: number[], dtype: 'float32' | 'int32'): T;
}

/**
 * A TensorFlow.js tensor from a `@dl` {@link Tensor} or {@link TensorData}:
 * `tf.tensor(x.data, x.shape, dtype)`. float32 and int32 keep their dtype; a float64 tensor is rounded to
 * float32 (TensorFlow.js has no float64).
 *
 * @param x - a tensor or interchange data.
 * @param tf - the TensorFlow.js namespace (`import * as tf from '@tensorflow/tfjs-core'`), or anything with a
 *   compatible `tensor` function.
 * @returns what `tf.tensor` returns.
 * @example
 * ```ts
 * import { tensor, toTf } from '@dl/tensor';
 * // with TensorFlow.js: toTf(x, tf); here a stand-in namespace records the call
 * const tfLike = { tensor: (values, shape, dtype) => ({ values, shape, dtype }) };
 * toTf(tensor([[1, 2]]), tfLike).shape; // [1, 2]
 * ```
 */
export function toTf<T>(x: Tensor | TensorData, tf: TfNamespaceLike<T>): T {
  if (tf === null || typeof tf !== 'object' || typeof tf.tensor !== 'function') {
    throw new TypeError(
      `toTf: tf must be the TensorFlow.js namespace (with a tensor function), got ${describe(tf)}`,
    );
  }
  let shape: number[];
  let data: Float32Array | Int32Array | Float64Array;
  if (x instanceof Tensor) {
    shape = x.shape.slice();
    data = x.data;
  } else {
    shape = checkTensorData('toTf', 'x', x, false).shape;
    data = x.data;
  }
  if (data instanceof Float64Array) data = Float32Array.from(data);
  return tf.tensor(data, shape, data instanceof Int32Array ? 'int32' : 'float32');
}
