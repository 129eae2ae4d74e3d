import { defineOptions } from '@dl/internal';
import { Module } from '@dl/nn';
import type { Tensor } from '@dl/tensor';
import { type ApplyLocalResponseNormOptions, localResponseNormCore } from './applyLocalResponseNorm';
import { checkCount, checkFloatTensor } from './internal/checks';

/** Options of {@link LocalResponseNorm}: those of {@link applyLocalResponseNorm}. */
export type LocalResponseNormOptions = ApplyLocalResponseNormOptions;

const lrnOptions = /* @__PURE__ */ defineOptions<LocalResponseNormOptions>()('LocalResponseNorm', {
  alpha: 1e-4,
  beta: 0.75,
  k: 1,
});

/**
 * Local response normalization across channels, like PyTorch's `nn.LocalResponseNorm`:
 * {@link applyLocalResponseNorm} as a layer (no parameters, no state).
 *
 * @example
 * ```ts
 * import { tensor } from '@dl/tensor';
 * import { LocalResponseNorm } from '@dl/norm';
 * new LocalResponseNorm(2, { alpha: 1, beta: 1 }).forward(tensor([[[2], [0]]])).toArray(); // [[[0.6666667], [0]]]
 * ```
 * @see https://pytorch.org/docs/1.13/generated/torch.nn.LocalResponseNorm.html
 */
export class LocalResponseNorm extends Module {
  /** The number of neighbouring channels. */
  readonly size: number;
  /** $\alpha$, $\beta$ and $k$. */
  readonly options: Required<LocalResponseNormOptions>;

  /**
   * @param size - the number $n$ of neighbouring channels.
   * @param options - see {@link ApplyLocalResponseNormOptions}.
   */
  constructor(size: number, options?: LocalResponseNormOptions) {
    super();
    this.size = checkCount('LocalResponseNorm', 'size', size);
    this.options = lrnOptions(options) as Required<LocalResponseNormOptions>;
  }

  /**
   * Normalizes `x`.
   * @param x - input `[N, C, ...]`.
   * @returns the normalized tensor.
   */
  forward(x: Tensor): Tensor {
    const fn = 'LocalResponseNorm';
    return localResponseNormCore(fn, checkFloatTensor(fn, 'x', x), this.size, this.options);
  }
}
