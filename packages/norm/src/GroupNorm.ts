import { defineOptions } from '@dl/internal';
import { Module } from '@dl/nn';
import type { Tensor } from '@dl/tensor';
import { checkGroups, groupNormCore } from './applyGroupNorm';
import { checkBool, checkFeatureCount, checkFloatTensor, checkPositive, shapeOf } from './internal/checks';
import { checkDtype, param } from './internal/layerParts';

/** Options of {@link GroupNorm} (PyTorch's names and defaults). */
export interface GroupNormOptions {
  /**
   * Added to the variance inside the square root.
   * @defaultValue 1e-5
   */
  eps?: number;
  /**
   * Learn a per-channel `weight` (initially 1) and `bias` (initially 0).
   * @defaultValue true
   */
  affine?: boolean;
  /**
   * Element type of the parameters.
   * @defaultValue 'float32'
   */
  dtype?: 'float32' | 'float64';
}

const groupNormOptions = /* @__PURE__ */ defineOptions<GroupNormOptions>()('GroupNorm', {
  eps: 1e-5,
  affine: true,
  dtype: 'float32',
});

/**
 * Group normalization, like PyTorch's `nn.GroupNorm`: {@link applyGroupNorm} with a learnable per-channel
 * `weight` and `bias` (state-dict keys `weight`, `bias`). Batch-size independent: for small batches and images.
 *
 * @example
 * ```ts
 * import { tensor } from '@dl/tensor';
 * import { GroupNorm } from '@dl/norm';
 * new GroupNorm(2, 4).forward(tensor([[1, 3, 7, 7]])).toArray(); // [[-0.999995, 0.999995, 0, 0]]
 * ```
 * @see https://pytorch.org/docs/1.13/generated/torch.nn.GroupNorm.html
 */
export class GroupNorm extends Module {
  /** The scale, shape `[numChannels]`, or `null` without `affine`. */
  weight: Tensor | null;
  /** The shift, shape `[numChannels]`, or `null` without `affine`. */
  bias: Tensor | null;
  /** The number $G$ of groups. */
  readonly numGroups: number;
  /** The number $C$ of channels. */
  readonly numChannels: number;
  /** See {@link GroupNormOptions.eps}. */
  readonly eps: number;

  /**
   * @param numGroups - $G$, a divisor of `numChannels`.
   * @param numChannels - $C$, dimension 1 of the input.
   * @param options - see {@link GroupNormOptions}.
   */
  constructor(numGroups: number, numChannels: number, options?: GroupNormOptions) {
    super();
    const fn = 'GroupNorm';
    const o = groupNormOptions(options);
    this.numChannels = checkFeatureCount(fn, 'numChannels', numChannels);
    this.numGroups = checkGroups(fn, numGroups, this.numChannels);
    this.eps = checkPositive(fn, 'eps', o.eps);
    const affine = checkBool(fn, 'affine', o.affine);
    const dtype = checkDtype(fn, o.dtype);
    this.weight = affine ? param([this.numChannels], 1, dtype) : null;
    this.bias = affine ? param([this.numChannels], 0, dtype) : null;
  }

  /**
   * Normalizes `x`.
   * @param x - input `[N, C, ...]` with `C = numChannels`.
   * @returns the normalized tensor.
   */
  forward(x: Tensor): Tensor {
    const fn = 'GroupNorm';
    const input = checkFloatTensor(fn, 'x', x);
    if (input.rank < 2 || input.shape[1] !== this.numChannels) {
      throw new RangeError(
        `${fn}: x has shape ${shapeOf(input.shape)}, expected [N, ${this.numChannels}, ...] (numChannels = ${this.numChannels})`,
      );
    }
    return groupNormCore(fn, input, this.numGroups, { weight: this.weight, bias: this.bias, eps: this.eps });
  }
}
