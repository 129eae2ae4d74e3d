import { defineOptions, describe } from '@dl/internal';
import { finish } from '../creation/tensor';
import { allocUninit } from '../memory/_pool';
import { checkShape, type Shape } from '../shape';
import { Tensor } from '../tensor';
import { fillUniform } from './_draw';
import { type RandomOptions, resolveGenerator } from './randomOptions';

/** Options of {@link rand} and {@link randn}. */
export interface RandOptions extends RandomOptions {
  /**
   * Element type (a float type).
   * @defaultValue 'float32'
   */
  dtype?: 'float32' | 'float64';
  /**
   * Record operations on the result for autograd.
   * @defaultValue false
   */
  requiresGrad?: boolean;
}

/** @internal The checker of {@link RandOptions}. */
export const randOptions = /* @__PURE__ */ defineOptions<RandOptions>()('rand', {
  dtype: 'float32',
  requiresGrad: false,
  generator: undefined,
  seed: undefined,
});

/** @internal Validates a float dtype option for a random function. */
export function floatDtype(fn: string, dtype: unknown): 'float32' | 'float64' {
  const d = dtype ?? 'float32';
  if (d !== 'float32' && d !== 'float64') {
    throw new TypeError(`${fn}: dtype must be 'float32' or 'float64', got ${describe(d)}`);
  }
  return d;
}

/**
 * Uniform random numbers in $[0, 1)$: $x_i \sim \mathcal{U}[0, 1)$.
 *
 * float32 elements take the top 24 bits of one generator output ($k \cdot 2^{-24}$), float64 elements 53 bits of
 * two (see {@link createGenerator}), so every value is exact and strictly below 1.
 *
 * @param shape - the shape of the result.
 * @param options - the generator (or seed), dtype and `requiresGrad`; see {@link RandOptions}.
 * @returns a new tensor.
 * @example
 * ```ts
 * import { createGenerator, rand } from '@dl/tensor';
 * const x = rand([2, 3], { generator: createGenerator(0) });
 * x.shape; // [2, 3]
 * x.data.every((v) => v >= 0 && v < 1); // true
 * ```
 * @see https://pytorch.org/docs/1.13/generated/torch.rand.html
 */
export function rand(shape: Shape, options: RandOptions = {}): Tensor {
  options = randOptions(options, 'rand');
  const s = checkShape('rand', 'shape', shape);
  const dtype = floatDtype('rand', options.dtype);
  const g = resolveGenerator('rand', options);
  const data = allocUninit(
    dtype,
    s.reduce((a, b) => a * b, 1),
  ) as Float32Array | Float64Array;
  fillUniform(g, data, 0, 1);
  return finish(new Tensor(data, s, dtype), 'rand', options);
}
