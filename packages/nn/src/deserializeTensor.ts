import type { Tensor } from '@dl/tensor';
import { decodeEntry, toTensor } from './_entry';
import type { LoadableEntry } from './types';

/**
 * Decodes a {@link StateDictEntry} (or any {@link LoadableEntry}) into a new tensor: the inverse of
 * {@link serializeTensor}, bit-exact for both encodings.
 *
 * @param entry - the saved tensor; without a `dtype`, array data is read as float32.
 * @returns a new tensor that does not require gradients.
 * @example
 * ```ts
 * import { tensor } from '@dl/tensor';
 * import { deserializeTensor, serializeTensor } from '@dl/nn';
 * const t = deserializeTensor(JSON.parse(JSON.stringify(serializeTensor(tensor([0.1, -0, NaN])))));
 * t.toArray(); // [0.1, -0, NaN]
 * deserializeTensor({ shape: [2], data: [1, 2] }).dtype; // 'float32'
 * ```
 */
export function deserializeTensor(entry: LoadableEntry): Tensor {
  return toTensor(decodeEntry('deserializeTensor', 'entry', entry, 'float32'));
}
