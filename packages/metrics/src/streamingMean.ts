import { numbers, sameLength } from './internal/check';
import { guarded } from './internal/guarded';
import type { StreamingMetric } from './StreamingMetric';
import type { Values } from './types';

/** The state of {@link streamingMean}. */
export interface MeanState {
  /** The weighted sum of the values. */
  sum: number;
  /** The sum of the weights. */
  weight: number;
}

/**
 * The (weighted) mean of values accumulated over batches — e.g. the mean loss of an epoch from per-batch losses
 * (pass each batch's mean loss with its batch size as the weight).
 *
 * $$\bar x = \frac{\sum_i w_i x_i}{\sum_i w_i}$$
 *
 * @returns the accumulator: `update(state, values, weights?)` where `values` is a number or an array;
 *   `compute(state)` gives the mean (NaN before any value).
 * @example
 * ```ts
 * import { streamingMean } from '@dl/metrics';
 * const loss = streamingMean();
 * let s = loss.update(loss.init(), 0.9, 32); // mean loss 0.9 over a batch of 32
 * s = loss.update(s, 0.6, 16);
 * loss.compute(s); // 0.8
 * ```
 */
export function streamingMean(): StreamingMetric<
  MeanState,
  [values: number | Values, weights?: number | Values],
  number
> {
  const fn = 'streamingMean.update';
  return guarded('streamingMean', {
    init: () => ({ sum: 0, weight: 0 }),
    update(state, values, weights) {
      const v = numbers(fn, 'values', typeof values === 'number' ? [values] : values);
      const w =
        weights === undefined
          ? undefined
          : numbers(fn, 'weights', typeof weights === 'number' ? [weights] : weights);
      if (w) sameLength(fn, 'values', v.length, 'weights', w.length);
      let sum = state.sum;
      let weight = state.weight;
      for (let i = 0; i < v.length; i++) {
        const wi = w ? w[i]! : 1;
        if (wi < 0) throw new RangeError(`${fn}: weights must be >= 0, got ${wi} at index ${i}`);
        sum += v[i]! * wi;
        weight += wi;
      }
      return { sum, weight };
    },
    merge: (a, b) => ({ sum: a.sum + b.sum, weight: a.weight + b.weight }),
    compute: (s) => s.sum / s.weight,
  });
}
