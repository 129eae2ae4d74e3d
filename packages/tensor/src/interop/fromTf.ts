import { describe } from '@dl/internal';
import type { Tensor } from '../tensor';
import { fromData } from './fromData';

/**
 * The part of a TensorFlow.js tensor that {@link fromTf} reads; a `tf.Tensor` satisfies it structurally, so
 * `@dl/tensor` needs no dependency on TensorFlow.js.
 */
export interface TfTensorLike {
  /** The tensor's shape. */
  readonly shape: readonly number[];
  /** The TensorFlow.js dtype: `'float32'`, `'int32'` or `'bool'` are supported. */
  readonly dtype: string;
  /** Reads the values synchronously (a `Float32Array`, `Int32Array` or `Uint8Array`). */
  dataSync(): unknown;
}

/**
 * A `@dl` {@link Tensor} from a TensorFlow.js tensor, via `t.dataSync()`:
 * `fromData({ shape: t.shape, data: t.dataSync() })`. float32 and int32 keep their dtype; bool becomes int32 (a
 * copy). The typed array returned by `dataSync()` is wrapped as is (the CPU backend may hand out its own storage,
 * so do not write into the result while `t` is alive).
 *
 * @param t - a `tf.Tensor` (float32, int32 or bool).
 * @returns a tensor with the same shape and values.
 * @example
 * ```ts
 * import { fromTf } from '@dl/tensor';
 * // any object with shape, dtype and dataSync() works, e.g. tf.tensor([[1, 2]])
 * const fake = { shape: [1, 2], dtype: 'float32', dataSync: () => new Float32Array([1, 2]) };
 * fromTf(fake).toArray(); // [[1, 2]]
 * ```
 */
export function fromTf(t: TfTensorLike): Tensor {
  if (t === null || typeof t !== 'object' || typeof t.dataSync !== 'function') {
    throw new TypeError(`fromTf: t must be a TensorFlow.js tensor, got ${describe(t)}`);
  }
  if (t.dtype !== 'float32' && t.dtype !== 'int32' && t.dtype !== 'bool') {
    throw new TypeError(`fromTf: t.dtype must be 'float32', 'int32' or 'bool', got '${t.dtype}'`);
  }
  const values = t.dataSync();
  const data =
    t.dtype === 'bool' ? Int32Array.from(values as Uint8Array) : (values as Float32Array | Int32Array);
  return fromData({ shape: t.shape, data });
}
