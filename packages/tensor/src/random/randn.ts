import { finish } from '../creation/tensor';
import { allocUninit } from '../memory/_pool';
import { checkShape, type Shape } from '../shape';
import { Tensor } from '../tensor';
import { fillNormal } from './_draw';
import { floatDtype, type RandOptions, randOptions } from './rand';
import { resolveGenerator } from './randomOptions';

/**
 * Standard normal random numbers: $x_i \sim \mathcal{N}(0, 1)$, by the Box–Muller transform.
 *
 * Pairs of float64 uniforms $u_1, u_2$ give $\sqrt{-2\ln(1-u_1)}\,(\cos 2\pi u_2, \sin 2\pi u_2)$, filled in
 * row-major order (see {@link createGenerator} for the exact stream).
 *
 * @param shape - the shape of the result.
 * @param options - the generator (or seed), dtype and `requiresGrad`; see {@link RandOptions}.
 * @returns a new tensor.
 * @example
 * ```ts
 * import { createGenerator, randn } from '@dl/tensor';
 * const z = randn([1000], { generator: createGenerator(1) });
 * Math.abs(z.data.reduce((a, b) => a + b, 0) / 1000) < 0.2; // true
 * ```
 * @see https://pytorch.org/docs/1.13/generated/torch.randn.html
 */
export function randn(shape: Shape, options: RandOptions = {}): Tensor {
  options = randOptions(options, 'randn');
  const s = checkShape('randn', 'shape', shape);
  const dtype = floatDtype('randn', options.dtype);
  const g = resolveGenerator('randn', options);
  const data = allocUninit(
    dtype,
    s.reduce((a, b) => a * b, 1),
  ) as Float32Array | Float64Array;
  fillNormal(g, data, 0, 1);
  return finish(new Tensor(data, s, dtype), 'randn', options);
}
