import { checkFinite, defineOptions, describe } from '@dl/internal';
import { full, PRELU_INIT, prelu, type Tensor } from '@dl/tensor';
import { layerInput } from '../_input';
import { Module } from '../Module';
import type { Layer } from '../types';

/** Options of {@link PReLU}. */
export interface PReLUOptions {
  /**
   * Number of learnable slopes: 1 (shared by every element) or the number of channels (dimension 1 of the
   * input).
   * @defaultValue 1
   */
  numParameters?: number;
  /**
   * The initial value of every slope.
   * @defaultValue 0.25
   */
  init?: number;
  /**
   * Element type of the weight (the input must have the same).
   * @defaultValue 'float32'
   */
  dtype?: 'float32' | 'float64';
}

/** @internal The checker of {@link PReLUOptions}; a bare value is `numParameters`, as in PyTorch's `nn.PReLU(3)`. */
export const pReLUOptions = /* @__PURE__ */ defineOptions<PReLUOptions>()(
  'PReLU',
  { numParameters: 1, init: PRELU_INIT, dtype: 'float32' },
  { positional: 'numParameters' },
);

/**
 * The activation $\operatorname{PReLU}(x) = \max(0, x) + a \min(0, x)$ with a **learnable** slope $a$ (one, or one
 * per channel), like PyTorch's `nn.PReLU`. Parameter: `weight`, shape `[numParameters]`, initialized to 0.25.
 *
 * @example
 * ```ts
 * import { tensor } from '@dl/tensor';
 * import { PReLU } from '@dl/nn';
 * const act = new PReLU();
 * act.forward(tensor([-2, 3])).toArray(); // [-0.5, 3]
 * act.namedParameters()[0][0]; // 'weight'
 * new PReLU({ numParameters: 2, init: 0.1 }).forward(tensor([[-1, -2]])).toArray(); // [[-0.1, -0.2]]
 * ```
 * @see https://pytorch.org/docs/1.13/generated/torch.nn.PReLU.html
 */
export class PReLU extends Module implements Layer {
  /** The slopes, shape `[numParameters]`. */
  weight: Tensor;

  /** @param options - see {@link PReLUOptions}. */
  constructor(options: PReLUOptions | number = {}) {
    super();
    const o = pReLUOptions(options, 'PReLU');
    const n = o.numParameters;
    if (!Number.isInteger(n) || n < 1) {
      throw new TypeError(`PReLU: numParameters must be a positive integer, got ${describe(n)}`);
    }
    const init = checkFinite('PReLU', 'init', o.init);
    const dtype = o.dtype;
    if (dtype !== 'float32' && dtype !== 'float64') {
      throw new TypeError(`PReLU: dtype must be 'float32' or 'float64', got ${describe(dtype)}`);
    }
    this.weight = full([n], init, { dtype, requiresGrad: true });
  }

  /**
   * Applies the activation.
   * @param x - the input; with several slopes, of rank ≥ 2 with `numParameters` channels in dimension 1.
   * @returns a tensor of `x`'s shape.
   */
  forward(x: Tensor): Tensor {
    layerInput('PReLU', x);
    return prelu(x, this.weight);
  }
}
