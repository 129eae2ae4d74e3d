import type { Shape } from '../shape';
import type { Tensor } from '../tensor';
import { initSetup, kaimingStd, normalTensor } from './_fill';
import { type InitOptions, initOptions } from './initOptions';

/**
 * LeCun normal initialization: $W \sim \mathcal{N}(0, 1/\mathrm{fanIn})$, an untruncated normal (JAX's and
 * Keras' `lecun_normal` truncate at two standard deviations; this one does not). PyTorch has no
 * `lecun_normal_`; this is exactly `kaiming_normal_(w, mode='fan_in', nonlinearity='linear')`.
 *
 * @param shape - the weight's shape (rank at least 2).
 * @param options - the generator (or seed), dtype, `requiresGrad`; see {@link InitOptions}.
 * @returns a new tensor.
 * @example
 * ```ts
 * import { lecunNormal } from '@dl/tensor';
 * lecunNormal([4, 9], { seed: 0 }).shape; // [4, 9]
 * ```
 * @see https://pytorch.org/docs/1.13/nn.init.html#torch.nn.init.kaiming_normal_
 */
export function lecunNormal(shape: Shape, options: InitOptions = {}): Tensor {
  options = initOptions(options, 'lecunNormal');
  const s = initSetup('lecunNormal', shape, options);
  return normalTensor('lecunNormal', s.shape, s.dtype, s.fanIn === 0 ? 0 : kaimingStd(s.fanIn, 1), options);
}
