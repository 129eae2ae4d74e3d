import { checkFinite, defineOptions } from '@dl/internal';
import { leakyRelu, type Tensor } from '@dl/tensor';
import { layerInput } from '../_input';
import { Module } from '../Module';
import type { Layer } from '../types';

/** Options of {@link LeakyReLU}. */
export interface LeakyReLUOptions {
  /**
   * The slope $\alpha$ for negative inputs.
   * @defaultValue 0.01
   */
  negativeSlope?: number;
}

/** @internal The checker of {@link LeakyReLUOptions}; a bare value is `negativeSlope`, as in PyTorch's `nn.LeakyReLU(0.2)`. */
export const leakyReLUOptions = /* @__PURE__ */ defineOptions<LeakyReLUOptions>()(
  'LeakyReLU',
  { negativeSlope: 0.01 },
  { positional: 'negativeSlope' },
);

/**
 * The activation $\operatorname{LeakyReLU}(x) = \max(0, x) + \alpha \min(0, x)$ as a layer, like PyTorch's
 * `nn.LeakyReLU` (no parameters; see {@link PReLU} for a learnable slope).
 *
 * @example
 * ```ts
 * import { tensor } from '@dl/tensor';
 * import { LeakyReLU } from '@dl/nn';
 * new LeakyReLU().forward(tensor([-2, 3])).toArray(); // [-0.02, 3]
 * new LeakyReLU({ negativeSlope: 0.2 }).forward(tensor([-2])).toArray(); // [-0.4]
 * ```
 * @see https://pytorch.org/docs/1.13/generated/torch.nn.LeakyReLU.html
 */
export class LeakyReLU extends Module implements Layer {
  /** The slope for negative inputs. */
  readonly negativeSlope: number;

  /** @param options - see {@link LeakyReLUOptions}. */
  constructor(options: LeakyReLUOptions | number = {}) {
    super();
    const o = leakyReLUOptions(options, 'LeakyReLU');
    this.negativeSlope = checkFinite('LeakyReLU', 'negativeSlope', o.negativeSlope);
  }

  /**
   * Applies the activation.
   * @param x - the input (float32 or float64).
   * @returns a tensor of `x`'s shape.
   */
  forward(x: Tensor): Tensor {
    layerInput('LeakyReLU', x);
    return leakyRelu(x, { negativeSlope: this.negativeSlope });
  }
}
