import { defineOptions } from '@dl/internal';
import { binnedRanking, totals } from './internal/binned';
import type { StreamingMetric } from './StreamingMetric';
import type { Label, Labels, Values } from './types';

/** Options of {@link streamingRocAuc} and {@link streamingAveragePrecision}. */
export interface StreamingBinnedOptions {
  /**
   * The number of equal-width score bins (memory and `compute` time are linear in it).
   * @defaultValue 1000
   */
  nBins?: number;
  /**
   * The range of the scores, `[lo, hi]`; a score outside is a RangeError.
   * @defaultValue [0, 1] (probabilities)
   */
  scoreRange?: readonly [number, number];
  /**
   * The positive class.
   * @defaultValue undefined (1, for labels in {0, 1} or {-1, 1})
   */
  posLabel?: Label;
}

/** The state of {@link streamingRocAuc} and {@link streamingAveragePrecision}: plain data. */
export interface BinnedRankingState {
  /** The score range `[lo, hi]` split into `pos.length` equal bins. */
  range: [number, number];
  /** The (weighted) number of positives per bin, lowest scores first. */
  pos: number[];
  /** The (weighted) number of negatives per bin. */
  neg: number[];
  /** Whether any sample weight other than 1 was seen (the AP bound then uses a weaker form). */
  weighted: boolean;
}

/** What {@link streamingRocAuc}'s `compute` returns. */
export interface StreamingRocAucResult {
  /** The AUC of the binned scores (every score replaced by its bin: ties within a bin count one half). */
  auc: number;
  /** A guaranteed bound on |auc − exact AUC|: $\frac{1}{2PN}\sum_b P_b N_b$. */
  maxError: number;
}

/** The reader of {@link StreamingBinnedOptions}, shared with streamingAveragePrecision (which passes its name). */
export const streamingBinnedOptions = /* @__PURE__ */ defineOptions<StreamingBinnedOptions>()(
  'streamingRocAuc',
  {
    nBins: 1000,
    scoreRange: [0, 1],
    posLabel: undefined,
  },
);

/**
 * Binary ROC AUC accumulated over batches in fixed memory: scores are counted in `nBins` equal-width bins per
 * class, so states are small, mergeable and JSON-serializable.
 *
 * The result is the exact AUC of the scores rounded to their bins:
 * $$\widehat{\mathrm{AUC}} = \frac{1}{PN}\sum_b N_b\Bigl(\sum_{b' > b} P_{b'} + \tfrac12 P_b\Bigr).$$
 * Only pairs (positive, negative) that fall in the same bin can be ordered differently by the exact scores, and
 * each counts $\frac12$ here, so the exact AUC lies within
 * $$|\widehat{\mathrm{AUC}} - \mathrm{AUC}| \le \frac{1}{2PN}\sum_b P_b N_b,$$
 * which `compute` returns as `maxError` (it shrinks like $1/\text{nBins}$ for smooth score distributions).
 *
 * @param options - `nBins`, `scoreRange`, `posLabel`.
 * @returns the accumulator: `update(state, yTrue, yScore, sampleWeight?)`; `compute(state)` gives
 *   `{ auc, maxError }`.
 * @example
 * ```ts
 * import { streamingRocAuc } from '@dl/metrics';
 * const roc = streamingRocAuc({ nBins: 100 });
 * let s = roc.update(roc.init(), [0, 0, 1], [0.1, 0.4, 0.35]);
 * s = roc.update(s, [1], [0.8]);
 * roc.compute(s).auc; // 0.75
 * roc.compute(s).maxError; // 0
 * ```
 */
export function streamingRocAuc(
  options?: StreamingBinnedOptions,
): StreamingMetric<
  BinnedRankingState,
  [yTrue: Labels, yScore: Values, sampleWeight?: Values],
  StreamingRocAucResult
> {
  const fn = 'streamingRocAuc';
  return binnedRanking(fn, streamingBinnedOptions(options, fn), (state) => {
    const [P, N] = totals(state);
    if (P === 0 || N === 0) {
      throw new RangeError(
        `${fn}.compute: only one class has been seen; ROC AUC is not defined in that case`,
      );
    }
    let above = 0;
    let area = 0;
    let same = 0;
    for (let b = state.pos.length - 1; b >= 0; b--) {
      area += state.neg[b]! * (above + state.pos[b]! / 2);
      same += state.pos[b]! * state.neg[b]!;
      above += state.pos[b]!;
    }
    return { auc: area / (P * N), maxError: same / (2 * P * N) };
  });
}
