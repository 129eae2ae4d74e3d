import type { Shape } from '../shape';
import type { Tensor } from '../tensor';
import { normalTensor } from './_fill';
import { type KaimingOptions, kaimingOptions, kaimingScale } from './kaimingUniform';

/**
 * Kaiming/He normal initialization, as `torch.nn.init.kaiming_normal_`: $W \sim \mathcal{N}(0, \sigma^2)$ with
 * $\sigma = \mathrm{gain} / \sqrt{\mathrm{fan}}$, gain {@link calculateGain}`(nonlinearity, a)`, fan by `mode`.
 *
 * @param shape - the weight's shape (rank at least 2).
 * @param options - `a`, `mode`, `nonlinearity`, the generator (or seed), dtype, `requiresGrad`; see
 *   {@link KaimingOptions}.
 * @returns a new tensor.
 * @example
 * ```ts
 * import { kaimingNormal } from '@dl/tensor';
 * kaimingNormal([16, 8, 3, 3], { mode: 'fan_out', nonlinearity: 'relu', seed: 0 }).shape; // [16, 8, 3, 3]
 * ```
 * @see https://pytorch.org/docs/1.13/nn.init.html#torch.nn.init.kaiming_normal_
 */
export function kaimingNormal(shape: Shape, options: KaimingOptions = {}): Tensor {
  options = kaimingOptions(options, 'kaimingNormal');
  const s = kaimingScale('kaimingNormal', shape, options);
  return normalTensor('kaimingNormal', s.shape, s.dtype, s.fanIn * s.fanOut === 0 ? 0 : s.std, options);
}
