import { defineOptions, describe } from '@dl/internal';
import { checkDType } from '../creation/tensor';
import type { DType } from '../dtype';
import { allocUninit } from '../memory/_pool';
import { checkShape, type Shape } from '../shape';
import { Tensor } from '../tensor';
import { boundedUint32 } from './_draw';
import { type RandomOptions, resolveGenerator } from './randomOptions';

/** Options of {@link randint}. */
export interface RandintOptions extends RandomOptions {
  /**
   * Element type (PyTorch's default int64 becomes int32 here).
   * @defaultValue 'int32'
   */
  dtype?: DType;
}

/** @internal The checker of {@link RandintOptions}. */
export const randintOptions = /* @__PURE__ */ defineOptions<RandintOptions>()('randint', {
  dtype: 'int32',
  generator: undefined,
  seed: undefined,
});

/**
 * Uniform random integers in $[\mathrm{low}, \mathrm{high})$: $x_i = \mathrm{low} + k_i$ with
 * $k_i \sim \mathcal{U}\{0, \dots, \mathrm{high} - \mathrm{low} - 1\}$, drawn without modulo bias (bitmask
 * rejection, see {@link createGenerator}).
 *
 * @param low - the smallest value (an integer).
 * @param high - one above the largest value (an integer > `low`, with `high - low <= 2^32`; within int32 for the
 *   int32 dtype).
 * @param shape - the shape of the result.
 * @param options - the generator (or seed) and dtype; see {@link RandintOptions}.
 * @returns a new tensor.
 * @example
 * ```ts
 * import { createGenerator, randint } from '@dl/tensor';
 * const dice = randint(1, 7, [10], { generator: createGenerator(3) });
 * dice.dtype; // 'int32'
 * dice.data.every((v) => v >= 1 && v <= 6); // true
 * ```
 * @see https://pytorch.org/docs/1.13/generated/torch.randint.html
 */
export function randint(low: number, high: number, shape: Shape, options: RandintOptions = {}): Tensor {
  const o = randintOptions(options, 'randint');
  checkDType('randint', o.dtype);
  for (const [name, v] of [
    ['low', low],
    ['high', high],
  ] as const) {
    if (typeof v !== 'number' || !Number.isSafeInteger(v)) {
      throw new TypeError(`randint: ${name} must be an integer, got ${describe(v)}`);
    }
  }
  if (!(high > low))
    throw new RangeError(`randint: high must be greater than low, got low=${low}, high=${high}`);
  const range = high - low;
  if (range > 4294967296) {
    throw new RangeError(`randint: high - low must be at most 2^32, got ${range}`);
  }
  const dtype = o.dtype;
  if (dtype === 'int32' && (low < -2147483648 || high > 2147483648)) {
    throw new RangeError(
      `randint: [low, high) must lie within the int32 range [-2^31, 2^31) for dtype int32, got [${low}, ${high})`,
    );
  }
  const s = checkShape('randint', 'shape', shape);
  const g = resolveGenerator('randint', o);
  const data = allocUninit(
    dtype,
    s.reduce((a, b) => a * b, 1),
  );
  for (let i = 0; i < data.length; i++) data[i] = low + boundedUint32(g, range);
  return new Tensor(data, s, dtype);
}
