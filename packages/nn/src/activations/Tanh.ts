import { type Tensor, tanh } from '@dl/tensor';
import { layerInput } from '../_input';
import { Module } from '../Module';
import type { Layer } from '../types';

/**
 * The activation $\tanh(x)$ as a layer, like PyTorch's `nn.Tanh`: a module without parameters that applies
 * `tanh` from @dl/tensor elementwise.
 *
 * @example
 * ```ts
 * import { tensor } from '@dl/tensor';
 * import { Tanh } from '@dl/nn';
 * new Tanh().forward(tensor([0])).toArray(); // [0]
 * ```
 * @see https://pytorch.org/docs/1.13/generated/torch.nn.Tanh.html
 */
export class Tanh extends Module implements Layer {
  /**
   * Applies the activation.
   * @param x - the input (float32 or float64).
   * @returns a tensor of `x`'s shape.
   */
  forward(x: Tensor): Tensor {
    layerInput('Tanh', x);
    return tanh(x);
  }
}
