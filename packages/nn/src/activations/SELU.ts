import { selu, type Tensor } from '@dl/tensor';
import { layerInput } from '../_input';
import { Module } from '../Module';
import type { Layer } from '../types';

/**
 * The activation $\operatorname{SELU}(x) = \lambda\,(\max(0, x) + \min(0, \alpha (e^x - 1)))$ with PyTorch's $\alpha \approx 1.6733$, $\lambda \approx 1.0507$ as a layer, like PyTorch's `nn.SELU`: a module without parameters that applies
 * `selu` from @dl/tensor elementwise.
 *
 * @example
 * ```ts
 * import { tensor } from '@dl/tensor';
 * import { SELU } from '@dl/nn';
 * new SELU().forward(tensor([0, 1])).toArray(); // [0, 1.0507]
 * ```
 * @see https://pytorch.org/docs/1.13/generated/torch.nn.SELU.html
 */
export class SELU extends Module implements Layer {
  /**
   * Applies the activation.
   * @param x - the input (float32 or float64).
   * @returns a tensor of `x`'s shape.
   */
  forward(x: Tensor): Tensor {
    layerInput('SELU', x);
    return selu(x);
  }
}
