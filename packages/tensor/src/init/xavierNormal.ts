import type { Shape } from '../shape';
import type { Tensor } from '../tensor';
import { initSetup, normalTensor, xavierStd } from './_fill';
import { gainOption, type XavierOptions, xavierOptions } from './xavierUniform';

/**
 * Xavier/Glorot normal initialization, as `torch.nn.init.xavier_normal_`: $W \sim \mathcal{N}(0, \sigma^2)$ with
 * $\sigma = \mathrm{gain} \cdot \sqrt{2 / (\mathrm{fanIn} + \mathrm{fanOut})}$.
 *
 * @param shape - the weight's shape (rank at least 2).
 * @param options - `gain`, the generator (or seed), dtype, `requiresGrad`; see {@link XavierOptions}.
 * @returns a new tensor.
 * @example
 * ```ts
 * import { createGenerator, xavierNormal } from '@dl/tensor';
 * xavierNormal([3, 4, 5], { seed: 1 }).shape; // [3, 4, 5]
 * ```
 * @see https://pytorch.org/docs/1.13/nn.init.html#torch.nn.init.xavier_normal_
 */
export function xavierNormal(shape: Shape, options: XavierOptions = {}): Tensor {
  options = xavierOptions(options, 'xavierNormal');
  const s = initSetup('xavierNormal', shape, options);
  const std = xavierStd(s.fanIn, s.fanOut, gainOption('xavierNormal', options.gain));
  return normalTensor('xavierNormal', s.shape, s.dtype, std, options);
}
