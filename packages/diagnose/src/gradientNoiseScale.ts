import { describe } from '@dl/internal';

/** Squared gradient norms measured at two batch sizes (see {@link gradientNoiseScale}). */
export interface GradientNormsAtTwoBatchSizes {
  /** The small batch size $B_s$. */
  smallBatch: number;
  /** $\Vert G_{B_s}\Vert^2$: squared norm of a gradient over a batch of `smallBatch` examples (or its mean over several). */
  smallSquaredNorm: number;
  /** The large batch size $B_b > B_s$. */
  largeBatch: number;
  /** $\Vert G_{B_b}\Vert^2$ for a batch of `largeBatch` examples. */
  largeSquaredNorm: number;
}

/** The estimate of {@link gradientNoiseScale}. */
export interface GradientNoiseScale {
  /** $\widehat{\Vert G\Vert^2}$: the squared norm of the true (full-data) gradient. */
  trueSquaredNorm: number;
  /** $\widehat{\operatorname{tr}\Sigma}$: the per-example gradient variance, summed over parameters. */
  traceCovariance: number;
  /**
   * $B_\text{simple} = \operatorname{tr}\Sigma / \Vert G\Vert^2$: batches much smaller than this are noise-dominated
   * (more steps, each cheap); much larger ones waste examples per step.
   */
  noiseScale: number;
}

/**
 * The gradient noise scale $B_\text{simple}$ (McCandlish et al. 2018, "An Empirical Model of Large-Batch
 * Training", appendix A.1): how large a batch must be before larger ones stop reducing the steps needed — the
 * notes' small-batch-vs-large-batch trade-off, measured. From squared gradient norms at two batch sizes, with
 * $\mathbb E\Vert G_B\Vert^2 = \Vert G\Vert^2 + \operatorname{tr}\Sigma / B$:
 * $$\widehat{\Vert G\Vert^2} = \frac{B_b\Vert G_{B_b}\Vert^2 - B_s\Vert G_{B_s}\Vert^2}{B_b - B_s}, \qquad
 * \widehat{\operatorname{tr}\Sigma} = \frac{\Vert G_{B_s}\Vert^2 - \Vert G_{B_b}\Vert^2}{1/B_s - 1/B_b}.$$
 * Both are unbiased but noisy: average the norms over several batches (or keep running means) before dividing.
 * A non-positive $\widehat{\Vert G\Vert^2}$ (noise dominates) gives `noiseScale: Infinity`.
 *
 * @param norms - the two batch sizes and their squared gradient norms.
 * @returns the estimates.
 * @example
 * ```ts
 * import { gradientNoiseScale } from '@dl/diagnose';
 * // |G|^2 = 1, tr(Sigma) = 64: E|G_B|^2 = 1 + 64 / B
 * gradientNoiseScale({ smallBatch: 8, smallSquaredNorm: 9, largeBatch: 64, largeSquaredNorm: 2 }).noiseScale; // 64
 * ```
 */
export function gradientNoiseScale(norms: GradientNormsAtTwoBatchSizes): GradientNoiseScale {
  const fn = 'gradientNoiseScale';
  if (norms === null || typeof norms !== 'object') {
    throw new TypeError(
      `${fn}: norms must be an object { smallBatch, smallSquaredNorm, largeBatch, largeSquaredNorm }, got ${describe(norms)}`,
    );
  }
  const { smallBatch: bs, smallSquaredNorm: gs, largeBatch: bb, largeSquaredNorm: gb } = norms;
  for (const [name, v] of [
    ['smallBatch', bs],
    ['largeBatch', bb],
  ] as const) {
    if (typeof v !== 'number' || !Number.isInteger(v) || v < 1)
      throw new RangeError(`${fn}: ${name} must be an integer >= 1, got ${describe(v)}`);
  }
  if (!(bb > bs)) throw new RangeError(`${fn}: largeBatch must be larger than smallBatch (${bs}), got ${bb}`);
  for (const [name, v] of [
    ['smallSquaredNorm', gs],
    ['largeSquaredNorm', gb],
  ] as const) {
    if (typeof v !== 'number' || !(v >= 0) || !Number.isFinite(v))
      throw new RangeError(`${fn}: ${name} must be a finite number >= 0, got ${describe(v)}`);
  }
  const trueSquaredNorm = (bb * gb - bs * gs) / (bb - bs);
  const traceCovariance = (gs - gb) / (1 / bs - 1 / bb);
  return {
    trueSquaredNorm,
    traceCovariance,
    noiseScale: trueSquaredNorm > 0 ? traceCovariance / trueSquaredNorm : Number.POSITIVE_INFINITY,
  };
}
