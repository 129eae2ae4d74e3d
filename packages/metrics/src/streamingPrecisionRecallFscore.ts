import { defineOptions } from '@dl/internal';
import { labelList, oneOf, show } from './internal/check';
import { guarded } from './internal/guarded';
import {
  type Average,
  fromCounts,
  type PrecisionRecallFscoreSupport,
  type ZeroDivision,
} from './precisionRecallFscoreSupport';
import type { StreamingMetric } from './StreamingMetric';
import { type ConfusionMatrixState, streamingConfusionMatrix } from './streamingConfusionMatrix';
import type { Label, Labels, Values } from './types';

/** Options of {@link streamingPrecisionRecallFscore}. */
export interface StreamingPrecisionRecallFscoreOptions {
  /**
   * How per-label scores are averaged, as {@link precisionRecallFscoreSupport} (`'samples'` needs multilabel data
   * and is not available here).
   * @defaultValue null (per label)
   */
  average?: Exclude<Average, 'samples'>;
  /**
   * The weight of recall against precision.
   * @defaultValue 1
   */
  beta?: number;
  /**
   * A fixed list of labels to score.
   * @defaultValue undefined (every label seen)
   */
  labels?: readonly Label[];
  /**
   * The positive class when `average` is `'binary'`.
   * @defaultValue 1
   */
  posLabel?: Label;
  /**
   * The value of a 0/0 score.
   * @defaultValue 'warn' (0, without a warning)
   */
  zeroDivision?: ZeroDivision;
}

const readOptions = defineOptions<StreamingPrecisionRecallFscoreOptions>()('streamingPrecisionRecallFscore', {
  average: null,
  beta: 1,
  labels: undefined,
  posLabel: 1,
  zeroDivision: 'warn',
});

/**
 * Precision, recall, F-beta and support accumulated over batches, on a streaming confusion matrix — the result
 * equals {@link precisionRecallFscoreSupport} on all the data (counts add exactly).
 *
 * @param options - `average`, `beta`, `labels`, `posLabel`, `zeroDivision`.
 * @returns the accumulator: `update(state, yTrue, yPred, sampleWeight?)`; `compute(state)` gives
 *   `{ precision, recall, fscore, support, labels }`.
 * @example
 * ```ts
 * import { streamingPrecisionRecallFscore } from '@dl/metrics';
 * const prf = streamingPrecisionRecallFscore({ average: 'macro' });
 * let s = prf.update(prf.init(), [0, 1, 2], [0, 2, 2]);
 * s = prf.update(s, [1, 1], [1, 0]);
 * prf.compute(s).recall; // 0.7778
 * ```
 */
export function streamingPrecisionRecallFscore(
  options?: StreamingPrecisionRecallFscoreOptions,
): StreamingMetric<
  ConfusionMatrixState,
  [yTrue: Labels, yPred: Labels, sampleWeight?: Values],
  PrecisionRecallFscoreSupport
> {
  const fn = 'streamingPrecisionRecallFscore';
  const o = readOptions(options);
  const average = oneOf(fn, 'average', o.average, ['binary', 'micro', 'macro', 'weighted', null] as const);
  const zd = oneOf(fn, 'zeroDivision', o.zeroDivision, [0, 1, 'warn'] as const) === 1 ? 1 : 0;
  if (typeof o.beta !== 'number' || Number.isNaN(o.beta) || o.beta < 0) {
    throw new RangeError(`${fn}: beta must be a number >= 0, got ${show(o.beta)}`);
  }
  // the matrix grows with every label seen, so that samples of unlisted labels still count as errors of listed ones
  const chosen = o.labels === undefined || o.labels === null ? undefined : labelList(fn, o.labels);
  const cm = streamingConfusionMatrix();
  return guarded('streamingPrecisionRecallFscore', {
    init: cm.init,
    update: (state, yTrue, yPred, sampleWeight) => cm.update(state, yTrue, yPred, sampleWeight),
    merge: cm.merge,
    compute(state) {
      const k = state.labels.length;
      let labels: Label[] = chosen ?? state.labels;
      let idx = labels.map((l) => state.labels.indexOf(l));
      if (average === 'binary') {
        labels = state.labels;
        if (k > 2) {
          throw new RangeError(
            `${fn}.compute: the target is multiclass (${k} labels) but average is 'binary'`,
          );
        }
        const at = labels.indexOf(o.posLabel);
        if (at < 0 && k >= 2) {
          throw new RangeError(
            `${fn}.compute: posLabel ${show(o.posLabel)} is not a label; expected one of ${show(labels)}`,
          );
        }
        idx = [at];
        labels = [o.posLabel];
      }
      const tp = new Float64Array(labels.length);
      const pred = new Float64Array(labels.length);
      const tru = new Float64Array(labels.length);
      idx.forEach((c, j) => {
        if (c < 0) return;
        tp[j] = state.counts[c * k + c]!;
        for (let i = 0; i < k; i++) {
          pred[j]! += state.counts[i * k + c]!;
          tru[j]! += state.counts[c * k + i]!;
        }
      });
      return fromCounts(
        { labels, tp, pred, true: tru, total: new Float64Array(labels.length) },
        average,
        o.beta,
        zd,
        false,
      );
    },
  });
}
