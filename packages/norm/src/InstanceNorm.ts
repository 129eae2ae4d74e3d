import { defineOptions } from '@dl/internal';
import { Module } from '@dl/nn';
import type { Tensor } from '@dl/tensor';
import { instanceNormCore } from './applyInstanceNorm';
import { checkUnit } from './internal/checks';
import { channelOptions, channelState, checkChannels } from './internal/layerParts';

/** Options of {@link InstanceNorm1d} and {@link InstanceNorm2d} (PyTorch's names and defaults). */
export interface InstanceNormOptions {
  /**
   * Added to the variance inside the square root.
   * @defaultValue 1e-5
   */
  eps?: number;
  /**
   * The weight of each batch in the running statistics (PyTorch's convention).
   * @defaultValue 0.1
   */
  momentum?: number;
  /**
   * Learn a per-channel `weight` and `bias` (off by default, as in PyTorch).
   * @defaultValue false
   */
  affine?: boolean;
  /**
   * Keep running statistics and use them in evaluation (off by default, as in PyTorch).
   * @defaultValue false
   */
  trackRunningStats?: boolean;
  /**
   * Element type of the parameters and buffers.
   * @defaultValue 'float32'
   */
  dtype?: 'float32' | 'float64';
}

const instanceNormOptions = /* @__PURE__ */ defineOptions<InstanceNormOptions>()('InstanceNorm', {
  eps: 1e-5,
  momentum: 0.1,
  affine: false,
  trackRunningStats: false,
  dtype: 'float32',
});

/**
 * Instance normalization over the spatial dimensions of each (sample, channel), like PyTorch's `_InstanceNorm`:
 * {@link applyInstanceNorm} as a layer. Use {@link InstanceNorm1d} (`[N, C, L]`) or {@link InstanceNorm2d}
 * (`[N, C, H, W]`). With `trackRunningStats`, training updates `running_mean` / `running_var` (with the batch
 * average of the per-instance statistics; `num_batches_tracked` stays 0, as in PyTorch) and evaluation uses them.
 *
 * @example
 * ```ts
 * import { tensor } from '@dl/tensor';
 * import { InstanceNorm1d } from '@dl/norm';
 * new InstanceNorm1d(1).forward(tensor([[[1, 3]]])).toArray(); // [[[-0.999995, 0.999995]]]
 * ```
 * @see https://pytorch.org/docs/1.13/generated/torch.nn.InstanceNorm1d.html
 */
export class InstanceNorm extends Module {
  /** The scale, shape `[numFeatures]`, or `null` without `affine`. */
  weight: Tensor | null;
  /** The shift, shape `[numFeatures]`, or `null` without `affine`. */
  bias: Tensor | null;
  /** The running mean (a buffer), or `null` without `trackRunningStats`. */
  running_mean!: Tensor | null;
  /** The running unbiased variance (a buffer), or `null` without `trackRunningStats`. */
  running_var!: Tensor | null;
  /** Kept for PyTorch's state-dict keys (a buffer, never incremented by instance norm), or `null`. */
  num_batches_tracked!: Tensor | null;
  /** The number $C$ of channels. */
  readonly numFeatures: number;
  /** See {@link InstanceNormOptions.eps}. */
  readonly eps: number;
  /** See {@link InstanceNormOptions.momentum}. */
  readonly momentum: number;
  /** See {@link InstanceNormOptions.affine}. */
  readonly affine: boolean;
  /** See {@link InstanceNormOptions.trackRunningStats}. */
  readonly trackRunningStats: boolean;
  #fn: string;

  /**
   * @param numFeatures - the number $C$ of channels.
   * @param options - see {@link InstanceNormOptions}.
   */
  constructor(numFeatures: number, options?: InstanceNormOptions) {
    super();
    const fn = new.target.name;
    this.#fn = fn;
    const o = instanceNormOptions(options, fn);
    const c = channelOptions(fn, numFeatures, o);
    this.momentum = checkUnit(fn, 'momentum', o.momentum);
    this.numFeatures = c.numFeatures;
    this.eps = c.eps;
    this.affine = c.affine;
    this.trackRunningStats = c.trackRunningStats;
    ({ weight: this.weight, bias: this.bias } = channelState(this, c));
  }

  /** The input ranks {@link InstanceNorm.forward} accepts. */
  protected readonly inputRanks: readonly number[] = [3, 4, 5];
  /** How errors describe the accepted input. */
  protected readonly inputText: string = 'a 3-D or higher [N, C, ...]';

  /**
   * Normalizes `x`; in training mode with `trackRunningStats` also updates the running statistics.
   * @param x - input `[N, C, ...]` with `C = numFeatures`.
   * @returns the normalized tensor, of the shape of `x`.
   */
  forward(x: Tensor): Tensor {
    const fn = this.#fn;
    const input = checkChannels(fn, x, this.inputRanks, this.numFeatures, this.inputText);
    const useInputStats = this.training || !this.trackRunningStats;
    const r = instanceNormCore(fn, input, {
      runningMean: this.running_mean,
      runningVar: this.running_var,
      weight: this.weight,
      bias: this.bias,
      useInputStats,
      momentum: this.momentum,
      eps: this.eps,
    });
    if (useInputStats && this.running_mean !== null) {
      this.running_mean.data.set(r.runningMean!.data);
      this.running_var!.data.set(r.runningVar!.data);
    }
    return r.output;
  }
}
