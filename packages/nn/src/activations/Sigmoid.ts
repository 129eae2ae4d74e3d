import { sigmoid, type Tensor } from '@dl/tensor';
import { layerInput } from '../_input';
import { Module } from '../Module';
import type { Layer } from '../types';

/**
 * The activation $\sigma(x) = 1 / (1 + e^{-x})$ as a layer, like PyTorch's `nn.Sigmoid`: a module without parameters that applies
 * `sigmoid` from @dl/tensor elementwise.
 *
 * @example
 * ```ts
 * import { tensor } from '@dl/tensor';
 * import { Sigmoid } from '@dl/nn';
 * new Sigmoid().forward(tensor([0])).toArray(); // [0.5]
 * ```
 * @see https://pytorch.org/docs/1.13/generated/torch.nn.Sigmoid.html
 */
export class Sigmoid extends Module implements Layer {
  /**
   * Applies the activation.
   * @param x - the input (float32 or float64).
   * @returns a tensor of `x`'s shape.
   */
  forward(x: Tensor): Tensor {
    layerInput('Sigmoid', x);
    return sigmoid(x);
  }
}
