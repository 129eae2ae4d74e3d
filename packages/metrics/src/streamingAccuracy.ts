import { weights as readWeights } from './internal/check';
import { guarded } from './internal/guarded';
import { targets } from './internal/targets';
import type { StreamingMetric } from './StreamingMetric';
import type { Labels, Matrix, Values } from './types';

/** The state of {@link streamingAccuracy}. */
export interface AccuracyState {
  /** The (weighted) number of correct samples. */
  correct: number;
  /** The (weighted) number of samples. */
  total: number;
}

/**
 * Accuracy accumulated over batches — {@link accuracyScore} on all the data, with a mergeable state.
 *
 * $$\mathrm{acc} = \frac{\sum_i w_i [\hat y_i = y_i]}{\sum_i w_i}$$
 *
 * @returns the accumulator: `update(state, yTrue, yPred, sampleWeight?)`, `compute(state)` gives the accuracy
 *   (NaN before any sample).
 * @example
 * ```ts
 * import { streamingAccuracy } from '@dl/metrics';
 * const acc = streamingAccuracy();
 * let s = acc.update(acc.init(), [0, 1, 1], [0, 1, 0]);
 * s = acc.merge(s, acc.update(acc.init(), [2], [2]));
 * acc.compute(s); // 0.75
 * ```
 */
export function streamingAccuracy(): StreamingMetric<
  AccuracyState,
  [yTrue: Labels | Matrix, yPred: Labels | Matrix, sampleWeight?: Values],
  number
> {
  return guarded('streamingAccuracy', {
    init: () => ({ correct: 0, total: 0 }),
    update(state, yTrue, yPred, sampleWeight) {
      const fn = 'streamingAccuracy.update';
      const tg = targets(fn, yTrue, yPred);
      const w = readWeights(fn, sampleWeight, tg.n);
      let correct = 0;
      let total = 0;
      for (let i = 0; i < tg.n; i++) {
        let ok = true;
        if (tg.kind === 'multilabel') {
          const c = tg.t.cols;
          for (let j = 0; j < c; j++) if (tg.t.data[i * c + j] !== tg.p.data[i * c + j]) ok = false;
        } else ok = tg.t[i] === tg.p[i];
        const wi = w ? w[i]! : 1;
        if (ok) correct += wi;
        total += wi;
      }
      return { correct: state.correct + correct, total: state.total + total };
    },
    merge: (a, b) => ({ correct: a.correct + b.correct, total: a.total + b.total }),
    compute: (s) => s.correct / s.total,
  });
}
