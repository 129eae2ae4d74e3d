import { describe } from '@dl/internal';
import { Tensor } from '@dl/tensor';
import { encodeEntry } from './_entry';
import { type StateDictEntry, type StateDictOptions, stateDictOptions } from './types';

/**
 * Encodes one tensor as a plain-JSON {@link StateDictEntry}: the format of every value of a {@link StateDict}, for
 * packages that save their own state (optimizer moments, running statistics) the same way.
 *
 * The `'array'` encoding writes the elements as JSON numbers (exact: every float32 is a double, and JSON writes
 * doubles exactly), with `NaN`, `±Infinity` and `-0` as strings; `'base64'` writes their little-endian bytes.
 *
 * @param t - the tensor to encode (its gradient and graph are not saved).
 * @param options - see {@link StateDictOptions}.
 * @returns a new entry sharing nothing with `t`.
 * @example
 * ```ts
 * import { tensor } from '@dl/tensor';
 * import { serializeTensor } from '@dl/nn';
 * const entry = serializeTensor(tensor([[1, 2], [3, 0.5]]));
 * JSON.stringify(entry); // '{"shape":[2,2],"dtype":"float32","data":[1,2,3,0.5]}'
 * serializeTensor(tensor([1, 2]), { encoding: 'base64' }).data; // 'AACAPwAAAEA='
 * ```
 * @see {@link deserializeTensor} for the inverse.
 */
export function serializeTensor(t: Tensor, options: StateDictOptions = {}): StateDictEntry {
  if (!(t instanceof Tensor)) {
    throw new TypeError(`serializeTensor: t must be a Tensor, got ${describe(t)}`);
  }
  const { encoding } = stateDictOptions(options, 'serializeTensor');
  if (encoding !== 'array' && encoding !== 'base64') {
    throw new TypeError(`serializeTensor: encoding must be 'array' or 'base64', got ${describe(encoding)}`);
  }
  return encodeEntry(t, encoding);
}
