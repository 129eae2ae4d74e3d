import { defineOptions, describe } from '@dl/internal';
import { gelu, type Tensor } from '@dl/tensor';
import { layerInput } from '../_input';
import { Module } from '../Module';
import type { Layer } from '../types';

/** Options of {@link GELU}. */
export interface GELUOptions {
  /**
   * `'none'`: the exact $x\,\Phi(x)$; `'tanh'`: the tanh approximation
   * $\tfrac{x}{2}\left(1 + \tanh\left(\sqrt{2/\pi}\,(x + 0.044715 x^3)\right)\right)$.
   * @defaultValue 'none'
   */
  approximate?: 'none' | 'tanh';
}

/** @internal The checker of {@link GELUOptions}; a bare value is `approximate`, as in PyTorch's `nn.GELU('tanh')`. */
export const gELUOptions = /* @__PURE__ */ defineOptions<GELUOptions>()(
  'GELU',
  { approximate: 'none' },
  { positional: 'approximate' },
);

/**
 * The activation $\operatorname{GELU}(x) = x\,\Phi(x)$ ($\Phi$ the standard normal CDF) as a layer, like PyTorch's
 * `nn.GELU` (no parameters).
 *
 * @example
 * ```ts
 * import { tensor } from '@dl/tensor';
 * import { GELU } from '@dl/nn';
 * new GELU().forward(tensor([1])).toArray(); // [0.8413]
 * new GELU({ approximate: 'tanh' }).forward(tensor([1])).toArray(); // [0.8412]
 * ```
 * @see https://pytorch.org/docs/1.13/generated/torch.nn.GELU.html
 */
export class GELU extends Module implements Layer {
  /** Which formula is used. */
  readonly approximate: 'none' | 'tanh';

  /** @param options - see {@link GELUOptions}. */
  constructor(options: GELUOptions | 'none' | 'tanh' = {}) {
    super();
    const o = gELUOptions(options, 'GELU');
    const a = o.approximate;
    if (a !== 'none' && a !== 'tanh') {
      throw new TypeError(`GELU: approximate must be 'none' or 'tanh', got ${describe(a)}`);
    }
    this.approximate = a;
  }

  /**
   * Applies the activation.
   * @param x - the input (float32 or float64).
   * @returns a tensor of `x`'s shape.
   */
  forward(x: Tensor): Tensor {
    layerInput('GELU', x);
    return gelu(x, { approximate: this.approximate });
  }
}
