import type { Shape } from '../shape';
import type { Tensor } from '../tensor';
import { initSetup, kaimingStd, uniformTensor } from './_fill';
import { type InitOptions, initOptions } from './initOptions';

/**
 * LeCun uniform initialization: $W \sim \mathcal{U}(-b, b)$ with $b = \sqrt{3 / \mathrm{fanIn}}$ (variance
 * $1/\mathrm{fanIn}$, suited to SELU networks). PyTorch has no `lecun_uniform_`; this is exactly
 * `kaiming_uniform_(w, mode='fan_in', nonlinearity='linear')`, which the oracle test uses.
 *
 * @param shape - the weight's shape (rank at least 2).
 * @param options - the generator (or seed), dtype, `requiresGrad`; see {@link InitOptions}.
 * @returns a new tensor.
 * @example
 * ```ts
 * import { lecunUniform } from '@dl/tensor';
 * lecunUniform([10, 12], { seed: 0 }).data.every((v) => Math.abs(v) <= 0.5); // true
 * ```
 * @see https://pytorch.org/docs/1.13/nn.init.html#torch.nn.init.kaiming_uniform_
 */
export function lecunUniform(shape: Shape, options: InitOptions = {}): Tensor {
  options = initOptions(options, 'lecunUniform');
  const s = initSetup('lecunUniform', shape, options);
  const bound = s.fanIn === 0 ? 0 : Math.sqrt(3.0) * kaimingStd(s.fanIn, 1);
  return uniformTensor('lecunUniform', s.shape, s.dtype, bound, options);
}
