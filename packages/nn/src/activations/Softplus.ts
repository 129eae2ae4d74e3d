import { checkFinite, defineOptions } from '@dl/internal';
import { softplus, type Tensor } from '@dl/tensor';
import { layerInput } from '../_input';
import { Module } from '../Module';
import type { Layer } from '../types';

/** Options of {@link Softplus}. */
export interface SoftplusOptions {
  /**
   * The sharpness $\beta$.
   * @defaultValue 1
   */
  beta?: number;
  /**
   * Above $\beta x >$ `threshold` the layer returns $x$ itself (numerically equal, and no overflow).
   * @defaultValue 20
   */
  threshold?: number;
}

/** @internal The checker of {@link SoftplusOptions}; a bare value is `beta`, as in PyTorch's `nn.Softplus(2)`. */
export const softplusOptions = /* @__PURE__ */ defineOptions<SoftplusOptions>()(
  'Softplus',
  { beta: 1, threshold: 20 },
  { positional: 'beta' },
);

/**
 * The activation $\operatorname{Softplus}(x) = \tfrac{1}{\beta} \log(1 + e^{\beta x})$ as a layer, like PyTorch's
 * `nn.Softplus` (no parameters).
 *
 * @example
 * ```ts
 * import { tensor } from '@dl/tensor';
 * import { Softplus } from '@dl/nn';
 * new Softplus().forward(tensor([0, 30])).toArray(); // [0.6931, 30]
 * new Softplus({ beta: 2 }).forward(tensor([0])).toArray(); // [0.3466]
 * ```
 * @see https://pytorch.org/docs/1.13/generated/torch.nn.Softplus.html
 */
export class Softplus extends Module implements Layer {
  /** The sharpness $\beta$. */
  readonly beta: number;
  /** The linear-regime threshold on $\beta x$. */
  readonly threshold: number;

  /** @param options - see {@link SoftplusOptions}. */
  constructor(options: SoftplusOptions | number = {}) {
    super();
    const o = softplusOptions(options, 'Softplus');
    this.beta = checkFinite('Softplus', 'beta', o.beta);
    this.threshold = checkFinite('Softplus', 'threshold', o.threshold);
  }

  /**
   * Applies the activation.
   * @param x - the input (float32 or float64).
   * @returns a tensor of `x`'s shape.
   */
  forward(x: Tensor): Tensor {
    layerInput('Softplus', x);
    return softplus(x, { beta: this.beta, threshold: this.threshold });
  }
}
