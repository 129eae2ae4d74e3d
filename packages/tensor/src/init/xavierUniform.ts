import { defineOptions, describe } from '@dl/internal';
import type { Shape } from '../shape';
import type { Tensor } from '../tensor';
import { initSetup, uniformTensor, xavierStd } from './_fill';
import type { InitOptions } from './initOptions';

/** Options of {@link xavierUniform} and {@link xavierNormal}. */
export interface XavierOptions extends InitOptions {
  /**
   * A scaling factor, e.g. {@link calculateGain}`('tanh')`.
   * @defaultValue 1
   */
  gain?: number;
}

/** @internal The checker of {@link XavierOptions}. */
export const xavierOptions = /* @__PURE__ */ defineOptions<XavierOptions>()('xavierUniform', {
  gain: 1,
  dtype: 'float32',
  requiresGrad: false,
  generator: undefined,
  seed: undefined,
});

/**
 * Xavier/Glorot uniform initialization, as `torch.nn.init.xavier_uniform_`: $W \sim \mathcal{U}(-b, b)$ with
 * $b = \sqrt{3} \cdot \mathrm{gain} \cdot \sqrt{2 / (\mathrm{fanIn} + \mathrm{fanOut})}$
 * (fans from {@link calculateFanInAndFanOut}).
 *
 * @param shape - the weight's shape (rank at least 2).
 * @param options - `gain`, the generator (or seed), dtype, `requiresGrad`; see {@link XavierOptions}.
 * @returns a new tensor.
 * @example
 * ```ts
 * import { createGenerator, xavierUniform } from '@dl/tensor';
 * const w = xavierUniform([300, 200], { generator: createGenerator(0) });
 * const b = Math.sqrt(3) * Math.sqrt(2 / 500);
 * w.data.every((v) => Math.abs(v) <= b); // true
 * ```
 * @see https://pytorch.org/docs/1.13/nn.init.html#torch.nn.init.xavier_uniform_
 */
export function xavierUniform(shape: Shape, options: XavierOptions = {}): Tensor {
  options = xavierOptions(options, 'xavierUniform');
  const s = initSetup('xavierUniform', shape, options);
  const std = xavierStd(s.fanIn, s.fanOut, gainOption('xavierUniform', options.gain));
  return uniformTensor('xavierUniform', s.shape, s.dtype, Math.sqrt(3.0) * std, options);
}

/** @internal Validates a `gain` option. */
export function gainOption(fn: string, gain: number | undefined): number {
  const g = gain ?? 1;
  if (typeof g !== 'number' || !Number.isFinite(g)) {
    throw new TypeError(`${fn}: gain must be a finite number, got ${describe(g)}`);
  }
  return g;
}
