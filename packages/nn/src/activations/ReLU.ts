import { relu, type Tensor } from '@dl/tensor';
import { layerInput } from '../_input';
import { Module } from '../Module';
import type { Layer } from '../types';

/**
 * The activation $\operatorname{ReLU}(x) = \max(0, x)$ as a layer, like PyTorch's `nn.ReLU`: a module without parameters that applies
 * `relu` from @dl/tensor elementwise.
 *
 * @example
 * ```ts
 * import { tensor } from '@dl/tensor';
 * import { ReLU } from '@dl/nn';
 * new ReLU().forward(tensor([-1, 0, 2])).toArray(); // [0, 0, 2]
 * ```
 * @see https://pytorch.org/docs/1.13/generated/torch.nn.ReLU.html
 */
export class ReLU extends Module implements Layer {
  /**
   * Applies the activation.
   * @param x - the input (float32 or float64).
   * @returns a tensor of `x`'s shape.
   */
  forward(x: Tensor): Tensor {
    layerInput('ReLU', x);
    return relu(x);
  }
}
