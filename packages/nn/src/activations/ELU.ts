import { checkFinite, defineOptions } from '@dl/internal';
import { elu, type Tensor } from '@dl/tensor';
import { layerInput } from '../_input';
import { Module } from '../Module';
import type { Layer } from '../types';

/** Options of {@link ELU}. */
export interface ELUOptions {
  /**
   * The scale $\alpha$ of the negative part.
   * @defaultValue 1
   */
  alpha?: number;
}

/** @internal The checker of {@link ELUOptions}; a bare value is `alpha`, as in PyTorch's `nn.ELU(1.0)`. */
export const eLUOptions = /* @__PURE__ */ defineOptions<ELUOptions>()(
  'ELU',
  { alpha: 1 },
  { positional: 'alpha' },
);

/**
 * The activation $\operatorname{ELU}(x) = x$ for $x > 0$, $\alpha (e^x - 1)$ otherwise, as a layer, like PyTorch's
 * `nn.ELU` (no parameters).
 *
 * @example
 * ```ts
 * import { tensor } from '@dl/tensor';
 * import { ELU } from '@dl/nn';
 * new ELU().forward(tensor([-1, 2])).toArray(); // [-0.6321, 2]
 * new ELU({ alpha: 0.5 }).forward(tensor([-1])).toArray(); // [-0.3161]
 * ```
 * @see https://pytorch.org/docs/1.13/generated/torch.nn.ELU.html
 */
export class ELU extends Module implements Layer {
  /** The scale of the negative part. */
  readonly alpha: number;

  /** @param options - see {@link ELUOptions}. */
  constructor(options: ELUOptions | number = {}) {
    super();
    const o = eLUOptions(options, 'ELU');
    this.alpha = checkFinite('ELU', 'alpha', o.alpha);
  }

  /**
   * Applies the activation.
   * @param x - the input (float32 or float64).
   * @returns a tensor of `x`'s shape.
   */
  forward(x: Tensor): Tensor {
    layerInput('ELU', x);
    return elu(x, { alpha: this.alpha });
  }
}
