import { silu, type Tensor } from '@dl/tensor';
import { layerInput } from '../_input';
import { Module } from '../Module';
import type { Layer } from '../types';

/**
 * The activation $\operatorname{SiLU}(x) = x\,\sigma(x)$ (swish) as a layer, like PyTorch's `nn.SiLU`: a module without parameters that applies
 * `silu` from @dl/tensor elementwise.
 *
 * @example
 * ```ts
 * import { tensor } from '@dl/tensor';
 * import { SiLU } from '@dl/nn';
 * new SiLU().forward(tensor([0, 1])).toArray(); // [0, 0.7311]
 * ```
 * @see https://pytorch.org/docs/1.13/generated/torch.nn.SiLU.html
 */
export class SiLU extends Module implements Layer {
  /**
   * Applies the activation.
   * @param x - the input (float32 or float64).
   * @returns a tensor of `x`'s shape.
   */
  forward(x: Tensor): Tensor {
    layerInput('SiLU', x);
    return silu(x);
  }
}
