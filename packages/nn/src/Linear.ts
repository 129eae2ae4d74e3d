import { defineOptions, describe } from '@dl/internal';
import {
  add,
  type Generator,
  linear,
  linearDefaultInit,
  matmul,
  type Tensor,
  Tensor as TensorClass,
  transpose,
} from '@dl/tensor';
import { type LayerRandomOptions, layerGenerator } from './_random';
import { Module } from './Module';
import type { Layer } from './types';

/** Options of {@link Linear}. */
export interface LinearOptions extends LayerRandomOptions {
  /**
   * Learn an additive bias $b$.
   * @defaultValue true
   */
  bias?: boolean;
  /**
   * The generator the initial weights are drawn from (advanced in place); see `createGenerator` in @dl/tensor.
   * @defaultValue a fresh generator seeded from `Math.random()` unless `seed` is given (not reproducible, like
   *   PyTorch without `manual_seed`)
   */
  generator?: Generator;
  /**
   * A seed for a fresh generator, used when `generator` is not given.
   * @defaultValue none
   */
  seed?: number;
  /**
   * Element type of the parameters.
   * @defaultValue 'float32'
   */
  dtype?: 'float32' | 'float64';
}

/**
 * @internal The checker of {@link LinearOptions}; a bare boolean is `bias`, as in PyTorch's `nn.Linear(2, 3, False)`.
 */
export const linearOptions = /* @__PURE__ */ defineOptions<LinearOptions>()(
  'Linear',
  { bias: true, generator: undefined, seed: undefined, dtype: 'float32' },
  { positional: 'bias' },
);

function checkFeatures(name: string, v: unknown): number {
  if (typeof v !== 'number' || !Number.isInteger(v) || v < 0) {
    throw new TypeError(`Linear: ${name} must be a non-negative integer, got ${describe(v)}`);
  }
  return v;
}

/**
 * A fully connected layer $y = x W^\top + b$, like PyTorch's `nn.Linear`: the weight is stored
 * `[outFeatures, inFeatures]` and the input's last dimension is `inFeatures` (any leading batch dimensions).
 *
 * Initialization is PyTorch's default: $W_{ij}, b_i \sim \mathcal U\left(-\tfrac{1}{\sqrt{\text{in}}},
 * \tfrac{1}{\sqrt{\text{in}}}\right)$ (Kaiming-uniform with $a = \sqrt 5$ for the weight). Parameters:
 * `weight` and, unless `bias: false`, `bias` (state-dict keys `weight`, `bias`).
 *
 * @example
 * ```ts
 * import { createGenerator, tensor } from '@dl/tensor';
 * import { Linear } from '@dl/nn';
 * const layer = new Linear(3, 2, { generator: createGenerator(0) });
 * layer.weight.shape; // [2, 3]
 * layer.loadStateDict({ weight: { shape: [2, 3], data: [1, 0, 0, 0, 1, 1] }, bias: { shape: [2], data: [0.5, -1] } });
 * layer.forward(tensor([[1, 2, 3]])).toArray(); // [[1.5, 4]]
 * ```
 * @see https://pytorch.org/docs/1.13/generated/torch.nn.Linear.html
 */
export class Linear extends Module implements Layer {
  /** The weight $W$, shape `[outFeatures, inFeatures]`. */
  weight: Tensor;
  /** The bias $b$, shape `[outFeatures]`, or `null` without bias. */
  bias: Tensor | null;
  /** Size of each input's last dimension. */
  readonly inFeatures: number;
  /** Size of each output's last dimension. */
  readonly outFeatures: number;

  /**
   * @param inFeatures - size of each input's last dimension.
   * @param outFeatures - size of each output's last dimension.
   * @param options - see {@link LinearOptions}.
   */
  constructor(inFeatures: number, outFeatures: number, options: LinearOptions | boolean = {}) {
    super();
    const o = linearOptions(options, 'Linear');
    this.inFeatures = checkFeatures('inFeatures', inFeatures);
    this.outFeatures = checkFeatures('outFeatures', outFeatures);
    if (inFeatures * outFeatures > 2 ** 31 - 1) {
      throw new RangeError(
        `Linear: the weight would have ${inFeatures * outFeatures} elements (${outFeatures} x ${inFeatures}), too many`,
      );
    }
    const bias = o.bias;
    if (typeof bias !== 'boolean')
      throw new TypeError(`Linear: bias must be a boolean, got ${describe(bias)}`);
    const generator = layerGenerator('Linear', o);
    const dtype = o.dtype;
    if (dtype !== 'float32' && dtype !== 'float64') {
      throw new TypeError(`Linear: dtype must be 'float32' or 'float64', got ${describe(dtype)}`);
    }
    const init = linearDefaultInit(inFeatures, outFeatures, {
      bias,
      generator,
      dtype,
      requiresGrad: true,
    });
    this.weight = init.weight;
    this.bias = init.bias;
  }

  /**
   * Applies the layer.
   * @param x - input of shape `[..., inFeatures]`.
   * @returns output of shape `[..., outFeatures]`.
   */
  forward(x: Tensor): Tensor {
    if (!(x instanceof TensorClass)) {
      throw new TypeError(`Linear: x must be a Tensor, got ${describe(x)}`);
    }
    if (x.rank === 0 || x.shape[x.rank - 1] !== this.inFeatures) {
      throw new RangeError(
        `Linear: x has shape [${x.shape.join(', ')}], expected a last dimension of inFeatures = ${this.inFeatures}`,
      );
    }
    // 2-D input (a batch of rows): @dl/tensor's fused linear reads the weight as stored (no transpose copy, forward
    // or backward) and gives the composed ops' values bit for bit
    if (x.rank === 2) return linear(x, this.weight, this.bias ?? undefined);
    const y = matmul(x, transpose(this.weight));
    return this.bias === null ? y : add(y, this.bias);
  }
}
