import { defineOptions } from '@dl/internal';
import { compareLabels, encode, labelList, weights as readWeights, show } from './internal/check';
import { guarded } from './internal/guarded';
import { targets } from './internal/targets';
import type { StreamingMetric } from './StreamingMetric';
import type { Label, Labels, Values } from './types';

/** Options of {@link streamingConfusionMatrix}. */
export interface StreamingConfusionMatrixOptions {
  /**
   * A fixed list of labels (rows and columns, in order); samples with other labels are left out, as
   * {@link confusionMatrix} does.
   * @defaultValue undefined (the labels seen so far, sorted; the matrix grows as new labels arrive)
   */
  labels?: readonly Label[];
}

/** The state of {@link streamingConfusionMatrix}: plain data. */
export interface ConfusionMatrixState {
  /** The labels of the rows and columns. */
  labels: Label[];
  /** Whether `labels` was given (fixed) or grows with the data. */
  fixed: boolean;
  /** The (weighted) counts, row-major `labels.length`². */
  counts: number[];
}

/** What {@link streamingConfusionMatrix}'s `compute` returns. */
export interface ConfusionMatrixResult {
  /** The labels of the rows (true) and columns (predicted). */
  labels: Label[];
  /** The matrix as rows. */
  matrix: number[][];
}

const readOptions = defineOptions<StreamingConfusionMatrixOptions>()('streamingConfusionMatrix', {
  labels: undefined,
});

/** Re-indexes `state` onto `labels` (a superset of its labels). */
function widen(state: ConfusionMatrixState, labels: Label[]): number[] {
  const k = labels.length;
  const old = state.labels;
  const map = encode(old, labels);
  const out = new Array<number>(k * k).fill(0);
  for (let i = 0; i < old.length; i++) {
    for (let j = 0; j < old.length; j++) out[map[i]! * k + map[j]!]! += state.counts[i * old.length + j]!;
  }
  return out;
}

function union(a: readonly Label[], b: readonly Label[], fn: string): Label[] {
  if (a.length && b.length && typeof a[0] !== typeof b[0]) {
    throw new TypeError(
      `${fn}: labels of one accumulator must be of one kind, got ${show(a[0])} and ${show(b[0])}`,
    );
  }
  return [...new Set([...a, ...b])].sort(compareLabels);
}

/**
 * A confusion matrix accumulated over batches (rows = true, columns = predicted), with a mergeable,
 * JSON-serializable state. The result equals {@link confusionMatrix} on all the data.
 *
 * @param options - `labels` (fixed) or none (grow with the data).
 * @returns the accumulator: `update(state, yTrue, yPred, sampleWeight?)`, `compute(state)` gives
 *   `{ labels, matrix }`.
 * @example
 * ```ts
 * import { streamingConfusionMatrix } from '@dl/metrics';
 * const cm = streamingConfusionMatrix();
 * let s = cm.update(cm.init(), ['cat', 'dog'], ['cat', 'cat']);
 * s = cm.update(s, ['bird'], ['dog']);
 * cm.compute(s).labels; // ['bird', 'cat', 'dog']
 * cm.compute(s).matrix; // [[0, 0, 1], [0, 1, 0], [0, 1, 0]]
 * ```
 */
export function streamingConfusionMatrix(
  options?: StreamingConfusionMatrixOptions,
): StreamingMetric<
  ConfusionMatrixState,
  [yTrue: Labels, yPred: Labels, sampleWeight?: Values],
  ConfusionMatrixResult
> {
  const fn = 'streamingConfusionMatrix';
  const o = readOptions(options);
  const fixed = o.labels !== undefined && o.labels !== null ? labelList(fn, o.labels) : undefined;
  return guarded('streamingConfusionMatrix', {
    init: () => ({
      labels: fixed ? [...fixed] : [],
      fixed: fixed !== undefined,
      counts: new Array<number>(fixed ? fixed.length ** 2 : 0).fill(0),
    }),
    update(state, yTrue, yPred, sampleWeight) {
      const tg = targets(`${fn}.update`, yTrue, yPred);
      if (tg.kind === 'multilabel')
        throw new TypeError(`${fn}.update: multilabel indicator matrices are not supported`);
      const w = readWeights(`${fn}.update`, sampleWeight, tg.n);
      let labels = state.labels;
      let counts = [...state.counts];
      if (!state.fixed) {
        const u = union(state.labels, tg.present, `${fn}.update`);
        if (u.length !== labels.length) {
          counts = widen(state, u);
          labels = u;
        }
      } else if (labels.length && typeof tg.present[0] !== typeof labels[0]) {
        throw new TypeError(
          `${fn}.update: labels are ${typeof labels[0]}s but the batch holds ${show(tg.present[0])}`,
        );
      }
      const k = labels.length;
      const ti = encode(tg.t, labels);
      const pi = encode(tg.p, labels);
      for (let i = 0; i < tg.n; i++) {
        if (ti[i]! >= 0 && pi[i]! >= 0) counts[ti[i]! * k + pi[i]!]! += w ? w[i]! : 1;
      }
      return { labels, fixed: state.fixed, counts };
    },
    merge(a, b) {
      if (a.fixed || b.fixed) {
        if (a.labels.length !== b.labels.length || a.labels.some((l, i) => l !== b.labels[i])) {
          throw new RangeError(
            `${fn}.merge: the states have different fixed labels ${show(a.labels)} and ${show(b.labels)}`,
          );
        }
        return { labels: [...a.labels], fixed: true, counts: a.counts.map((v, i) => v + b.counts[i]!) };
      }
      const u = union(a.labels, b.labels, `${fn}.merge`);
      const ca = widen(a, u);
      const cb = widen(b, u);
      return { labels: u, fixed: false, counts: ca.map((v, i) => v + cb[i]!) };
    },
    compute(state) {
      const k = state.labels.length;
      const matrix: number[][] = [];
      for (let i = 0; i < k; i++) matrix.push(state.counts.slice(i * k, i * k + k));
      return { labels: [...state.labels], matrix };
    },
  });
}
