import type { Label } from '../types';
import { encode, labelList, weights as readWeights } from './check';
import type { Targets } from './targets';

/** The dense confusion matrix of label targets (rows = true), over `labels` (default: the present labels). */
export function confusion(
  fn: string,
  tg: Targets,
  labelsOpt: unknown,
  sampleWeight: unknown,
): { labels: Label[]; k: number; m: Float64Array } {
  if (tg.kind === 'multilabel') {
    throw new TypeError(`${fn}: multilabel indicator matrices are not supported; pass one label per sample`);
  }
  const w = readWeights(fn, sampleWeight, tg.n);
  let labs = tg.present;
  if (labelsOpt !== undefined && labelsOpt !== null) {
    labs = labelList(fn, labelsOpt, tg.present[0]);
    const set = new Set<Label>(tg.t);
    if (!labs.some((l) => set.has(l))) {
      throw new RangeError(
        `${fn}: at least one of labels must be in yTrue, got labels ${JSON.stringify(labs)}`,
      );
    }
  }
  const k = labs.length;
  const m = new Float64Array(k * k);
  const ti = encode(tg.t, labs);
  const pi = encode(tg.p, labs);
  for (let i = 0; i < tg.n; i++) {
    const a = ti[i]!;
    const b = pi[i]!;
    if (a >= 0 && b >= 0) m[a * k + b]! += w ? w[i]! : 1;
  }
  return { labels: labs, k, m };
}

/** Splits a flat k×k matrix into rows, normalized as confusion_matrix does. */
export function normalizeRows(
  m: Float64Array,
  k: number,
  normalize: 'true' | 'pred' | 'all' | null,
): number[][] {
  const rows: number[][] = [];
  const rowSum = new Float64Array(k);
  const colSum = new Float64Array(k);
  let all = 0;
  for (let i = 0; i < k; i++) {
    for (let j = 0; j < k; j++) {
      rowSum[i]! += m[i * k + j]!;
      colSum[j]! += m[i * k + j]!;
      all += m[i * k + j]!;
    }
  }
  for (let i = 0; i < k; i++) {
    const row: number[] = [];
    for (let j = 0; j < k; j++) {
      const v = m[i * k + j]!;
      const d =
        normalize === 'true' ? rowSum[i]! : normalize === 'pred' ? colSum[j]! : normalize === 'all' ? all : 1;
      row.push(d === 0 ? 0 : v / d);
    }
    rows.push(row);
  }
  return rows;
}
