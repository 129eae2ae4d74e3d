import { binnedRanking, totals } from './internal/binned';
import type { StreamingMetric } from './StreamingMetric';
import {
  type BinnedRankingState,
  type StreamingBinnedOptions,
  streamingBinnedOptions,
} from './streamingRocAuc';
import type { Labels, Values } from './types';

/** What {@link streamingAveragePrecision}'s `compute` returns. */
export interface StreamingAveragePrecisionResult {
  /** The average precision of the binned scores (every score replaced by its bin). */
  averagePrecision: number;
  /** A guaranteed lower bound on the exact average precision. */
  lower: number;
  /** A guaranteed upper bound on the exact average precision. */
  upper: number;
  /** $\max(\text{AP} - \text{lower}, \text{upper} - \text{AP})$, a bound on the error of `averagePrecision`. */
  maxError: number;
}

/**
 * Binary average precision accumulated over batches in fixed memory (equal-width score bins per class, as
 * {@link streamingRocAuc}), with guaranteed bounds on the exact value.
 *
 * With bins taken from the highest, $TP_b$, $FP_b$ the counts down to bin $b$ included and $p_b$, $n_b$ those of
 * bin $b$: $\widehat{\mathrm{AP}} = \sum_b \frac{p_b}{P}\,\frac{TP_b}{TP_b + FP_b}$, the exact AP of the binned
 * scores. Inside a bin the exact scores may order its samples in any way; the precision at any exact threshold
 * there lies between $\frac{TP_{b-1} + 1}{TP_{b-1} + FP_{b-1} + 1 + n_b}$ (one positive first, every negative
 * before it; $TP_{b-1}$ alone when weights other than 1 were seen) and $\frac{TP_b}{TP_{b-1} + FP_{b-1} + p_b}$
 * (every positive before every negative), so the exact AP lies in `[lower, upper]`, the sums of those bounds
 * times $\frac{p_b}{P}$.
 *
 * @param options - `nBins`, `scoreRange`, `posLabel`.
 * @returns the accumulator: `update(state, yTrue, yScore, sampleWeight?)`; `compute(state)` gives
 *   `{ averagePrecision, lower, upper, maxError }`.
 * @example
 * ```ts
 * import { streamingAveragePrecision } from '@dl/metrics';
 * const ap = streamingAveragePrecision({ nBins: 100 });
 * const s = ap.update(ap.init(), [0, 0, 1, 1], [0.1, 0.4, 0.35, 0.8]);
 * ap.compute(s).averagePrecision; // 0.8333
 * ```
 */
export function streamingAveragePrecision(
  options?: StreamingBinnedOptions,
): StreamingMetric<
  BinnedRankingState,
  [yTrue: Labels, yScore: Values, sampleWeight?: Values],
  StreamingAveragePrecisionResult
> {
  const fn = 'streamingAveragePrecision';
  return binnedRanking(fn, streamingBinnedOptions(options, fn), (state) => {
    const [P] = totals(state);
    if (P === 0) return { averagePrecision: 0, lower: 0, upper: 0, maxError: 0 };
    let tp = 0;
    let fp = 0;
    let ap = 0;
    let lower = 0;
    let upper = 0;
    const first = state.weighted ? 0 : 1;
    for (let b = state.pos.length - 1; b >= 0; b--) {
      const p = state.pos[b]!;
      const n = state.neg[b]!;
      if (p > 0) {
        const r = p / P;
        ap += (r * (tp + p)) / (tp + fp + p + n);
        // with weights, one positive may weigh next to nothing: the limit k -> 0 (precision 1 with nothing before it)
        const d = tp + fp + first + n;
        lower += d === 0 ? r : (r * (tp + first)) / d;
        upper += (r * (tp + p)) / (tp + fp + p);
      }
      tp += p;
      fp += n;
    }
    return { averagePrecision: ap, lower, upper, maxError: Math.max(ap - lower, upper - ap) };
  });
}
