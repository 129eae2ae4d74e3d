import { defineOptions } from '@dl/internal';
import {
  add,
  batchNorm as fusedBatchNorm,
  mean,
  mul,
  reshape,
  rsqrt,
  sub,
  type Tensor,
  Tensor as TensorClass,
  variance,
} from '@dl/tensor';
import {
  checkBool,
  checkFiniteStats,
  checkFloatTensor,
  checkOptionalParam,
  checkPositive,
  checkUnit,
  shapeOf,
} from './internal/checks';
import { deviceBatchNorm, onDevice } from './internal/deviceBatchNorm';

/** Options of {@link applyBatchNorm}. */
export interface ApplyBatchNormOptions {
  /**
   * The running mean $\hat\mu$, shape `[C]` (not modified: the updated one is returned).
   * @defaultValue null
   */
  runningMean?: Tensor | null;
  /**
   * The running variance $\hat\sigma^2$, shape `[C]` (not modified).
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
   * Normalize with the batch's statistics (and return updated running statistics) instead of the running ones.
   * @defaultValue false
   */
  training?: boolean;
  /**
   * The weight $m$ of the batch in the running update $\hat\mu \leftarrow (1 - m)\hat\mu + m\mu_B$ (PyTorch's
   * convention; Keras's `momentum` is $1 - m$).
   * @defaultValue 0.1
   */
  momentum?: number;
  /**
   * Added to the variance inside the square root.
   * @defaultValue 1e-5
   */
  eps?: number;
  /**
   * Update the running variance with the unbiased batch variance $\frac{n}{n-1}\sigma_B^2$ (PyTorch); `false`
   * uses the biased $\sigma_B^2$ (Keras, TensorFlow.js, flax).
   * @defaultValue true
   */
  unbiasedRunningVar?: boolean;
}

/** What {@link applyBatchNorm} and {@link applyInstanceNorm} return. */
export interface NormResult {
  /** The normalized tensor (differentiable with respect to the input, weight and bias). */
  output: Tensor;
  /** The new running mean (a new tensor), or the given one in evaluation, or `null` when none was given. */
  runningMean: Tensor | null;
  /** The new running variance (a new tensor), or the given one in evaluation, or `null` when none was given. */
  runningVar: Tensor | null;
}

const batchNormOptions = /* @__PURE__ */ defineOptions<ApplyBatchNormOptions>()('applyBatchNorm', {
  runningMean: null,
  runningVar: null,
  weight: null,
  bias: null,
  training: false,
  momentum: 0.1,
  eps: 1e-5,
  unbiasedRunningVar: true,
});

/** @internal The checked core of batch normalization, shared with the layers (`fn` names the caller). */
export function batchNormCore(
  fn: string,
  x: Tensor,
  o: Required<ApplyBatchNormOptions> & { fused?: boolean; inPlace?: boolean },
): NormResult {
  if (x.rank < 2) {
    throw new RangeError(
      `${fn}: x must have at least 2 dimensions [N, C, ...], got shape ${shapeOf(x.shape)}`,
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
  const training = checkBool(fn, 'training', o.training);
  const momentum = checkUnit(fn, 'momentum', o.momentum);
  const eps = checkPositive(fn, 'eps', o.eps);
  const unbiased = checkBool(fn, 'unbiasedRunningVar', o.unbiasedRunningVar);
  const n = x.size / Math.max(c, 1);
  if (training && n <= 1) {
    throw new RangeError(
      `${fn}: expected more than 1 value per channel when training, got input of shape ${shapeOf(x.shape)} (PyTorch's error); use a larger batch, or eval() to normalize with the running statistics`,
    );
  }
  if (!training && (rm === null || rv === null)) {
    throw new TypeError(
      `${fn}: evaluation (training: false) normalizes with the running statistics, but runningMean and runningVar were not given; pass them, or training: true for the batch statistics`,
    );
  }
  // on a device (@dl/tensor/gpu): statistics and running update there, nothing read back
  if (onDevice(x)) return deviceBatchNorm(fn, x, { rm, rv, w, b, training, momentum, eps, unbiased });
  const sameDtype = [rm, rv, w, b].every((t) => t === null || t.dtype === x.dtype);
  if (o.fused !== false && sameDtype && (unbiased || rm === null)) {
    return fusedCore(fn, x, { rm, rv, w, b, training, momentum, eps }, o.inPlace === true);
  }
  return composedCore(fn, x, { rm, rv, w, b, training, momentum, eps, unbiased });
}

interface Checked {
  rm: Tensor | null;
  rv: Tensor | null;
  w: Tensor | null;
  b: Tensor | null;
  training: boolean;
  momentum: number;
  eps: number;
}

/** The running statistics before an in-place update (float64 holds float32 values exactly), for a restore. */
let saved = new Float64Array(0);

/**
 * @internal @dl/tensor's fused `batchNorm` (one pass for the statistics, one to normalize), on copies of the
 * running statistics; with `inPlace` (the layers, whose own buffers are given), on the given running statistics
 * themselves, restored from a snapshot when the update is not finite: the same result and the same error, without
 * two new tensors per call.
 */
function fusedCore(fn: string, x: Tensor, k: Checked, inPlace: boolean): NormResult {
  const options = {
    weight: k.w ?? undefined,
    bias: k.b ?? undefined,
    training: k.training,
    momentum: k.momentum,
    eps: k.eps,
  };
  const { rm, rv } = k;
  if (inPlace && k.training && rm !== null && rv !== null && rm.storage === null && rv.storage === null) {
    const m = rm.data;
    const v = rv.data;
    const c = m.length;
    if (saved.length < 2 * c) saved = new Float64Array(2 * c);
    saved.set(m);
    saved.set(v, c);
    const output = fusedBatchNorm(x, { runningMean: rm, runningVar: rv, ...options });
    try {
      checkFiniteStats(fn, 'channel', rm, rv);
    } catch (error) {
      for (let i = 0; i < c; i++) {
        m[i] = saved[i]!;
        v[i] = saved[c + i]!;
      }
      throw error;
    }
    return { output, runningMean: rm, runningVar: rv };
  }
  const copy = (t: Tensor | null) =>
    t === null ? undefined : new TensorClass(t.data.slice(), [...t.shape], t.dtype);
  const runningMean = copy(k.rm);
  const runningVar = copy(k.rv);
  const output = fusedBatchNorm(x, { runningMean, runningVar, ...options });
  if (k.training && runningMean !== undefined && runningVar !== undefined) {
    checkFiniteStats(fn, 'channel', runningMean, runningVar);
    return { output, runningMean, runningVar };
  }
  return { output, runningMean: k.rm, runningVar: k.rv };
}

/** @internal Batch norm composed from @dl/tensor's differentiable ops: the oracle of the fused path (and the Keras variance). */
export function composedCore(fn: string, x: Tensor, k: Checked & { unbiased: boolean }): NormResult {
  const { rm, rv, w, b, training, momentum, eps, unbiased } = k;
  const c = x.shape[1]!;
  const axes = x.shape.map((_, i) => i).filter((i) => i !== 1);
  const bshape = x.shape.map((d, i) => (i === 1 ? d : 1));
  const n = x.size / Math.max(c, 1);
  let mu: Tensor;
  let v: Tensor;
  let runningMean = rm;
  let runningVar = rv;
  if (training) {
    mu = mean(x, { axis: axes, keepDims: true });
    v = variance(x, { axis: axes, keepDims: true, correction: 0 });
    if (rm !== null && rv !== null) {
      runningMean = blend(rm, mu, momentum, 1);
      runningVar = blend(rv, v, momentum, unbiased ? n / (n - 1) : 1);
      checkFiniteStats(fn, 'channel', runningMean, runningVar);
    }
  } else {
    mu = reshape(rm!.detach(), bshape);
    v = reshape(rv!.detach(), bshape);
  }
  let y = mul(sub(x, mu), rsqrt(add(v, eps)));
  if (w !== null) y = mul(y, reshape(w, bshape));
  if (b !== null) y = add(y, reshape(b, bshape));
  return { output: y, runningMean, runningVar };
}

/** `(1 - m) * running + m * factor * batch`, in float64, as a new tensor of the running dtype (no gradient). */
export function blend(running: Tensor, batch: Tensor, m: number, factor: number): Tensor {
  const out = running.dtype === 'float64' ? new Float64Array(running.size) : new Float32Array(running.size);
  for (let i = 0; i < out.length; i++) out[i] = (1 - m) * running.data[i]! + m * factor * batch.data[i]!;
  return new TensorClass(out, [...running.shape], running.dtype);
}

/**
 * Batch normalization as a pure function (PyTorch's `F.batch_norm`), under {@link BatchNorm1d} and
 * {@link BatchNorm2d}: for `x` of shape `[N, C]` or `[N, C, ...]`, per channel $c$,
 * $$y = \gamma_c \frac{x - \mu_c}{\sqrt{\sigma_c^2 + \epsilon}} + \beta_c$$
 * where in training $\mu_c, \sigma_c^2$ are the batch mean and **biased** variance over the $n$ values of the
 * channel, and the returned running statistics are
 * $\hat\mu \leftarrow (1 - m)\hat\mu + m\mu_c$, $\hat\sigma^2 \leftarrow (1 - m)\hat\sigma^2 + m\frac{n}{n-1}\sigma_c^2$
 * (the **unbiased** variance); in evaluation $\mu_c, \sigma_c^2$ are the running statistics.
 *
 * The inputs are never modified: the new running statistics are returned (a layer copies them into its buffers).
 * Training with one value per channel ($n = 1$) is an error, as in PyTorch; so are non-finite batch statistics
 * when running statistics are tracked (they would poison them).
 *
 * On a device of `@dl/tensor/gpu` (`x` moved there with `toDevice`, and the statistics, weight and bias with it)
 * the batch statistics, the normalization and the running update all run on the device, nothing is read back,
 * and the non-finite check is skipped (it would be a readback).
 *
 * @param x - input `[N, C, ...]`, float32 or float64.
 * @param options - see {@link ApplyBatchNormOptions}.
 * @returns the output and the running statistics; see {@link NormResult}.
 * @example
 * ```ts
 * import { ones, tensor, zeros } from '@dl/tensor';
 * import { applyBatchNorm } from '@dl/norm';
 * const x = tensor([[1, 10], [3, 30]]);
 * const r = applyBatchNorm(x, { training: true, runningMean: zeros([2]), runningVar: ones([2]) });
 * r.output.shape; // [2, 2]
 * r.runningMean?.toArray(); // [0.2, 2]
 * r.runningVar?.toArray(); // [1.1, 20.9]
 * ```
 * @see https://pytorch.org/docs/1.13/generated/torch.nn.functional.batch_norm.html
 */
export function applyBatchNorm(x: Tensor, options?: ApplyBatchNormOptions): NormResult {
  const o = batchNormOptions(options);
  return batchNormCore(
    'applyBatchNorm',
    checkFloatTensor('applyBatchNorm', 'x', x),
    o as Required<ApplyBatchNormOptions>,
  );
}
