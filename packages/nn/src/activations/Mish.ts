import { mish, type Tensor } from '@dl/tensor';
import { layerInput } from '../_input';
import { Module } from '../Module';
import type { Layer } from '../types';

/**
 * The activation $\operatorname{Mish}(x) = x \tanh(\operatorname{softplus}(x))$ as a layer, like PyTorch's `nn.Mish`: a module without parameters that applies
 * `mish` from @dl/tensor elementwise.
 *
 * @example
 * ```ts
 * import { tensor } from '@dl/tensor';
 * import { Mish } from '@dl/nn';
 * new Mish().forward(tensor([0, 1])).toArray(); // [0, 0.8651]
 * ```
 * @see https://pytorch.org/docs/1.13/generated/torch.nn.Mish.html
 */
export class Mish extends Module implements Layer {
  /**
   * Applies the activation.
   * @param x - the input (float32 or float64).
   * @returns a tensor of `x`'s shape.
   */
  forward(x: Tensor): Tensor {
    layerInput('Mish', x);
    return mish(x);
  }
}
