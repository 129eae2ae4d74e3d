import { defineOptions } from '@dl/internal';
import { add, mean, mul, reshape, rsqrt, sub, type Tensor, variance } from '@dl/tensor';
import { blend, type NormResult } from './applyBatchNorm';
import {
  checkBool,
  checkFiniteStats,
  checkFloatTensor,
  checkOptionalParam,
  checkPositive,
  checkUnit,
  shapeOf,
} from './internal/checks';

/** Options of {@link applyInstanceNorm}. */
export interface ApplyInstanceNormOptions {
  /**
   * The running mean, shape `[C]` (not modified: the updated one is returned).
   * @defaultValue null
   */
  runningMean?: Tensor | null;
  /**
   * The running variance, shape `[C]` (not modified).
   * @defaultValue null
   */
  runningVar?: Tensor | null;
  /**
   * The scale $\gamma$, shape `[C]`; `null` for none.
   * @defaultValue null
   */
  weight?: Tensor | null;
  /**
   * The shift $\beta$, shape `[C]`; `null` for none.
   * @defaultValue null
   */
  bias?: Tensor | null;
  /**
   * Normalize each instance with its own statistics (PyTorch's `use_input_stats`); `false` uses the running ones.
   * @defaultValue true
   */
  useInputStats?: boolean;
  /**
   * The weight of the batch in the running update (PyTorch's convention).
   * @defaultValue 0.1
   */
  momentum?: number;
  /**
   * Added to the variance inside the square root.
   * @defaultValue 1e-5
   */
  eps?: number;
}

const instanceNormOptions = /* @__PURE__ */ defineOptions<ApplyInstanceNormOptions>()('applyInstanceNorm', {
  runningMean: null,
  runningVar: null,
  weight: null,
  bias: null,
  useInputStats: true,
  momentum: 0.1,
  eps: 1e-5,
});

/** @internal The checked core of instance normalization, shared with the layers. */
export function instanceNormCore(fn: string, x: Tensor, o: Required<ApplyInstanceNormOptions>): NormResult {
  if (x.rank < 3) {
    throw new RangeError(
      `${fn}: x must have at least 3 dimensions [N, C, L, ...], got shape ${shapeOf(x.shape)}`,
    );
  }
  const c = x.shape[1]!;
  const perChannel = `one per channel, C = ${c}`;
  const rm = checkOptionalParam(fn, 'runningMean', o.runningMean, [c], perChannel);
  const rv = checkOptionalParam(fn, 'runningVar', o.runningVar, [c], perChannel);
  if ((rm === null) !== (rv === null)) {
    throw new TypeError(`${fn}: runningMean and runningVar must be given together, got only one of them`);
  }
  const w = checkOptionalParam(fn, 'weight', o.weight, [c], perChannel);
  const b = checkOptionalParam(fn, 'bias', o.bias, [c], perChannel);
  const useInputStats = checkBool(fn, 'useInputStats', o.useInputStats);
  const momentum = checkUnit(fn, 'momentum', o.momentum);
  const eps = checkPositive(fn, 'eps', o.eps);
  const bshape = x.shape.map((d, i) => (i === 1 ? d : 1));
  let mu: Tensor;
  let v: Tensor;
  let runningMean = rm;
  let runningVar = rv;
  if (useInputStats) {
    const spatial = x.shape.slice(2).reduce((p, d) => p * d, 1);
    if (spatial <= 1) {
      throw new RangeError(
        `${fn}: expected more than 1 spatial element when training, got input of shape ${shapeOf(x.shape)} (PyTorch's error)`,
      );
    }
    const axes = x.shape.map((_, i) => i).slice(2);
    mu = mean(x, { axis: axes, keepDims: true });
    v = variance(x, { axis: axes, keepDims: true, correction: 0 });
    if (rm !== null && rv !== null) {
      // PyTorch updates one running copy per instance and averages them over the batch.
      const perChannelMean = mean(reshape(mu.detach(), [x.shape[0]!, c]), { axis: 0 });
      const perChannelVar = mean(reshape(v.detach(), [x.shape[0]!, c]), { axis: 0 });
      runningMean = blend(rm, perChannelMean, momentum, 1);
      runningVar = blend(rv, perChannelVar, momentum, spatial / (spatial - 1));
      checkFiniteStats(fn, 'channel', runningMean, runningVar);
    }
  } else {
    if (rm === null || rv === null) {
      throw new TypeError(
        `${fn}: useInputStats: false normalizes with the running statistics, but runningMean and runningVar were not given`,
      );
    }
    mu = reshape(rm.detach(), bshape);
    v = reshape(rv.detach(), bshape);
  }
  let y = mul(sub(x, mu), rsqrt(add(v, eps)));
  if (w !== null) y = mul(y, reshape(w, bshape));
  if (b !== null) y = add(y, reshape(b, bshape));
  return { output: y, runningMean, runningVar };
}

/**
 * Instance normalization as a pure function (PyTorch's `F.instance_norm`), under {@link InstanceNorm1d} and
 * {@link InstanceNorm2d}: each sample's channel is normalized over its own spatial positions,
 * $$y_{nc\cdot} = \gamma_c \frac{x_{nc\cdot} - \mu_{nc}}{\sqrt{\sigma_{nc}^2 + \epsilon}} + \beta_c,$$
 * with the biased variance. With running statistics, the returned ones are updated with the batch average of
 * the per-instance mean and unbiased variance, as PyTorch does.
 *
 * @param x - input `[N, C, L]` or `[N, C, H, W]` (any rank ≥ 3).
 * @param options - see {@link ApplyInstanceNormOptions}.
 * @returns the output and the running statistics; see {@link NormResult}.
 * @example
 * ```ts
 * import { tensor } from '@dl/tensor';
 * import { applyInstanceNorm } from '@dl/norm';
 * const { output } = applyInstanceNorm(tensor([[[1, 3], [10, 10]]]));
 * output.toArray(); // [[[-0.999995, 0.999995], [0, 0]]]
 * ```
 * @see https://pytorch.org/docs/1.13/generated/torch.nn.functional.instance_norm.html
 */
export function applyInstanceNorm(x: Tensor, options?: ApplyInstanceNormOptions): NormResult {
  const o = instanceNormOptions(options);
  return instanceNormCore(
    'applyInstanceNorm',
    checkFloatTensor('applyInstanceNorm', 'x', x),
    o as Required<ApplyInstanceNormOptions>,
  );
}
