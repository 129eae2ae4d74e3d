import { defineOptions } from '@dl/internal';
import { Module } from '@dl/nn';
import type { Tensor } from '@dl/tensor';
import { batchNormCore } from './applyBatchNorm';
import { checkBool, checkUnit } from './internal/checks';
import { adoptStorage } from './internal/deviceBatchNorm';
import { channelOptions, channelState, checkChannels } from './internal/layerParts';

/** Options of {@link BatchNorm}, {@link BatchNorm1d} and {@link BatchNorm2d} (PyTorch's names and defaults). */
export interface BatchNormOptions {
  /**
   * Added to the variance inside the square root (Keras / TensorFlow.js: 1e-3).
   * @defaultValue 1e-5
   */
  eps?: number;
  /**
   * The weight $m$ of each batch in the running statistics, $\hat\mu \leftarrow (1 - m)\hat\mu + m\mu_B$;
   * `null` for the cumulative average over all batches so far ($m = 1/t$ at the $t$-th batch). Keras's
   * `momentum` is $1 - m$ (see {@link kerasBatchNormOptions}).
   * @defaultValue 0.1
   */
  momentum?: number | null;
  /**
   * Learn a per-channel scale `weight` ($\gamma$, initially 1) and shift `bias` ($\beta$, initially 0).
   * @defaultValue true
   */
  affine?: boolean;
  /**
   * Keep running statistics (buffers `running_mean`, `running_var`, `num_batches_tracked`) and normalize with
   * them in evaluation; without, evaluation uses the batch statistics too.
   * @defaultValue true
   */
  trackRunningStats?: boolean;
  /**
   * Update `running_var` with the unbiased batch variance (PyTorch); `false` uses the biased one (Keras,
   * TensorFlow.js; see {@link kerasBatchNormOptions}).
   * @defaultValue true
   */
  unbiasedRunningVar?: boolean;
  /**
   * Element type of the parameters and buffers.
   * @defaultValue 'float32'
   */
  dtype?: 'float32' | 'float64';
}

const batchNormOptions = /* @__PURE__ */ defineOptions<BatchNormOptions>()('BatchNorm', {
  eps: 1e-5,
  momentum: 0.1,
  affine: true,
  trackRunningStats: true,
  unbiasedRunningVar: true,
  dtype: 'float32',
});

/**
 * Batch normalization over dimension 1 of an input of any rank ≥ 2, like PyTorch's `_BatchNorm`; use
 * {@link BatchNorm1d} for `[N, C]` / `[N, C, L]` and {@link BatchNorm2d} for `[N, C, H, W]`, which also check the
 * rank. The maths is {@link applyBatchNorm}'s:
 * $$y = \gamma \frac{x - \mu}{\sqrt{\sigma^2 + \epsilon}} + \beta$$
 * with the batch mean and **biased** variance in training, and the running statistics in evaluation
 * (`eval()`). Each training forward updates the buffers in place: $\hat\mu \leftarrow (1-m)\hat\mu + m\mu_B$,
 * $\hat\sigma^2 \leftarrow (1-m)\hat\sigma^2 + m\frac{n}{n-1}\sigma_B^2$ (the **unbiased** variance), and
 * `num_batches_tracked` += 1.
 *
 * State-dict keys are PyTorch's: `weight`, `bias`, `running_mean`, `running_var`, `num_batches_tracked`, so a
 * PyTorch-trained layer's `state_dict()` (as JSON lists) loads with `loadStateDict`.
 *
 * @example
 * ```ts
 * import { tensor } from '@dl/tensor';
 * import { BatchNorm1d } from '@dl/norm';
 * const bn = new BatchNorm1d(2);
 * bn.forward(tensor([[1, 10], [3, 30]])).shape; // [2, 2]
 * bn.running_mean?.toArray(); // [0.2, 2]
 * bn.num_batches_tracked?.item(); // 1
 * bn.eval().forward(tensor([[0.2, 2]])).toArray(); // [[0, 0]]
 * Object.keys(bn.stateDict()); // ['weight', 'bias', 'running_mean', 'running_var', 'num_batches_tracked']
 * ```
 * @see https://pytorch.org/docs/1.13/generated/torch.nn.BatchNorm1d.html
 */
export class BatchNorm extends Module {
  /** The scale $\gamma$, shape `[numFeatures]`, or `null` without `affine`. */
  weight: Tensor | null;
  /** The shift $\beta$, shape `[numFeatures]`, or `null` without `affine`. */
  bias: Tensor | null;
  /** The running mean (a buffer; PyTorch's key), or `null` without `trackRunningStats`. */
  running_mean!: Tensor | null;
  /** The running unbiased variance (a buffer), or `null` without `trackRunningStats`. */
  running_var!: Tensor | null;
  /** Training forwards so far (an int32 scalar buffer), or `null` without `trackRunningStats`. */
  num_batches_tracked!: Tensor | null;
  /** The number $C$ of channels. */
  readonly numFeatures: number;
  /** See {@link BatchNormOptions.eps}. */
  readonly eps: number;
  /** See {@link BatchNormOptions.momentum}. */
  readonly momentum: number | null;
  /** See {@link BatchNormOptions.affine}. */
  readonly affine: boolean;
  /** See {@link BatchNormOptions.trackRunningStats}. */
  readonly trackRunningStats: boolean;
  /** See {@link BatchNormOptions.unbiasedRunningVar}. */
  readonly unbiasedRunningVar: boolean;
  /** The class name errors use. */
  #fn: string;

  /**
   * @param numFeatures - the number $C$ of channels (dimension 1 of the input).
   * @param options - see {@link BatchNormOptions}.
   */
  constructor(numFeatures: number, options?: BatchNormOptions) {
    super();
    const fn = new.target.name;
    this.#fn = fn;
    const o = batchNormOptions(options, fn);
    const c = channelOptions(fn, numFeatures, o);
    this.momentum = o.momentum === null ? null : checkUnit(fn, 'momentum', o.momentum);
    this.unbiasedRunningVar = checkBool(fn, 'unbiasedRunningVar', o.unbiasedRunningVar);
    this.numFeatures = c.numFeatures;
    this.eps = c.eps;
    this.affine = c.affine;
    this.trackRunningStats = c.trackRunningStats;
    ({ weight: this.weight, bias: this.bias } = channelState(this, c));
  }

  /** The input ranks {@link BatchNorm.forward} accepts. */
  protected readonly inputRanks: readonly number[] = [2, 3, 4, 5, 6, 7, 8];
  /** How errors describe the accepted input. */
  protected readonly inputText: string = 'a 2-D or higher [N, C, ...]';

  /**
   * Normalizes `x`; in training mode also updates the running statistics.
   * @param x - input `[N, C, ...]` with `C = numFeatures`.
   * @returns the normalized tensor, of the shape of `x`.
   */
  forward(x: Tensor): Tensor {
    const fn = this.#fn;
    const input = checkChannels(fn, x, this.inputRanks, this.numFeatures, this.inputText);
    const running = this.running_mean;
    const track = this.training && running !== null;
    const count = track ? Number(this.num_batches_tracked!.data[0]) + 1 : 0;
    const factor = this.momentum === null ? (track ? 1 / count : 0) : this.momentum;
    const useRunning = running !== null && (!this.training || this.trackRunningStats);
    const r = batchNormCore(fn, input, {
      runningMean: useRunning ? running : null,
      runningVar: useRunning ? this.running_var : null,
      weight: this.weight,
      bias: this.bias,
      training: this.training || running === null,
      momentum: factor,
      eps: this.eps,
      unbiasedRunningVar: this.unbiasedRunningVar,
      inPlace: true, // the layer's own buffers: updated in place (restored if not finite)
    });
    if (track && running.storage !== null) {
      adoptStorage(running, r.runningMean!);
      adoptStorage(this.running_var!, r.runningVar!);
      this.num_batches_tracked!.data[0] = count;
    } else if (track) {
      if (r.runningMean !== running) running.data.set(r.runningMean!.data);
      if (r.runningVar !== this.running_var) this.running_var!.data.set(r.runningVar!.data);
      this.num_batches_tracked!.data[0] = count;
    }
    return r.output;
  }
}
