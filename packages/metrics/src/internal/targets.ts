import type { Label } from '../types';
import {
  type Dense,
  encode,
  indicator,
  isMatrix,
  labelList,
  labels as readLabels,
  weights as readWeights,
  sameLength,
  show,
  uniqueLabels,
} from './check';

/** Classification targets after scikit-learn's `_check_targets`. */
export type Targets =
  | { kind: 'binary' | 'multiclass'; t: Label[]; p: Label[]; n: number; present: Label[] }
  | { kind: 'multilabel'; t: Dense; p: Dense; n: number; present: number[] };

function isColumn(x: unknown): boolean {
  if (!isMatrix(x)) return false;
  if (Array.isArray(x)) return x.every((r) => (r as ArrayLike<unknown>).length === 1);
  return (x as { shape: number[] }).shape[1] === 1;
}

/** Reads `yTrue` and `yPred` as one classification task: label vectors or two indicator matrices. */
export function targets(fn: string, yTrue: unknown, yPred: unknown, a = 'yTrue', b = 'yPred'): Targets {
  const mt = isMatrix(yTrue) && !isColumn(yTrue);
  const mp = isMatrix(yPred) && !isColumn(yPred);
  if (mt !== mp) {
    throw new TypeError(
      `${fn}: ${a} and ${b} must both be label vectors or both multilabel indicator matrices, got ${mt ? 'a matrix' : 'labels'} and ${mp ? 'a matrix' : 'labels'}`,
    );
  }
  if (mt) {
    const t = indicator(fn, a, yTrue);
    const p = indicator(fn, b, yPred);
    sameLength(fn, a, t.rows, b, p.rows);
    if (t.cols !== p.cols) {
      throw new RangeError(
        `${fn}: ${a} and ${b} must have the same number of labels (columns), got ${t.cols} and ${p.cols}`,
      );
    }
    return { kind: 'multilabel', t, p, n: t.rows, present: Array.from({ length: t.cols }, (_, i) => i) };
  }
  const t = readLabels(fn, a, yTrue);
  const p = readLabels(fn, b, yPred);
  sameLength(fn, a, t.length, b, p.length);
  const present = uniqueLabels(fn, { name: a, values: t }, { name: b, values: p });
  return { kind: present.length > 2 ? 'multiclass' : 'binary', t, p, n: t.length, present };
}

/** Per-label sufficient statistics (scikit-learn's multilabel_confusion_matrix). */
export interface Counts {
  labels: Label[];
  tp: Float64Array;
  pred: Float64Array;
  true: Float64Array;
  /** The total weight (or count) per label / sample, to get tn = total - tp - fp - fn. */
  total: Float64Array;
}

/** scikit-learn's multilabel_confusion_matrix, as tp / pred / true sums. */
export function counts(
  fn: string,
  tg: Targets,
  labelsOpt: unknown,
  sampleWeight: unknown,
  samplewise = false,
): Counts {
  const w = readWeights(fn, sampleWeight, tg.n);
  if (tg.kind !== 'multilabel') {
    if (samplewise) {
      throw new RangeError(
        `${fn}: average 'samples' needs multilabel indicator matrices, got ${tg.kind} labels`,
      );
    }
    const labs =
      labelsOpt === undefined || labelsOpt === null ? tg.present : labelList(fn, labelsOpt, tg.present[0]);
    const k = labs.length;
    const ti = encode(tg.t, labs);
    const pi = encode(tg.p, labs);
    const tp = new Float64Array(k);
    const pred = new Float64Array(k);
    const tru = new Float64Array(k);
    let total = 0;
    for (let i = 0; i < tg.n; i++) {
      const wi = w ? w[i]! : 1;
      total += wi;
      const a = ti[i]!;
      const b = pi[i]!;
      if (a >= 0) tru[a]! += wi;
      if (b >= 0) pred[b]! += wi;
      if (a >= 0 && a === b) tp[a]! += wi;
    }
    return { labels: labs, tp, pred, true: tru, total: new Float64Array(k).fill(total) };
  }
  const { t, p } = tg;
  let cols: number[] = tg.present;
  if (labelsOpt !== undefined && labelsOpt !== null) {
    const l = labelList(fn, labelsOpt, 0);
    for (const c of l) {
      if (!Number.isInteger(c) || (c as number) < 0 || (c as number) >= t.cols) {
        throw new RangeError(
          `${fn}: labels of multilabel targets are column indices in [0, ${t.cols}), got ${show(c)}`,
        );
      }
    }
    cols = l as number[];
  }
  const k = cols.length;
  const m = samplewise ? t.rows : k;
  const tp = new Float64Array(m);
  const pred = new Float64Array(m);
  const tru = new Float64Array(m);
  const total = new Float64Array(m);
  let sumW = 0;
  for (let i = 0; i < t.rows; i++) {
    const wi = w ? w[i]! : 1;
    sumW += wi;
    for (let j = 0; j < k; j++) {
      const c = cols[j]!;
      const a = t.data[i * t.cols + c]!;
      const b = p.data[i * p.cols + c]!;
      const o = samplewise ? i : j;
      tru[o]! += a * wi;
      pred[o]! += b * wi;
      tp[o]! += a * b * wi;
    }
    if (samplewise) total[i] = wi * k;
  }
  if (!samplewise) total.fill(sumW);
  return { labels: cols, tp, pred, true: tru, total };
}
