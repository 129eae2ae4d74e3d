import type { Label } from '../types';
import { positiveLabel } from './binary';
import { num, numbers, oneOf, labels as readLabels, sameLength, show, uniqueLabels } from './check';
import { percentile } from './regression';

/** Per-bin sums of calibration_curve: counts, summed probabilities, summed positives (bins with no sample kept). */
export interface Bins {
  edges: Float64Array;
  total: Float64Array;
  sumProb: Float64Array;
  sumTrue: Float64Array;
}

/** The bin edges of calibration_curve: uniform on [0, 1], or numpy percentiles of the probabilities. */
export function binEdges(prob: Float64Array, nBins: number, strategy: 'uniform' | 'quantile'): Float64Array {
  const edges = new Float64Array(nBins + 1);
  const step = 1 / nBins;
  for (let i = 0; i < nBins; i++) edges[i] = i * step;
  edges[nBins] = 1;
  if (strategy === 'quantile') {
    for (let i = 0; i <= nBins; i++) edges[i] = percentile(prob, edges[i]! * 100);
  }
  return edges;
}

/** Assigns each probability to a bin as np.searchsorted(edges[1:-1], p) (left) and sums per bin. */
export function binStats(prob: Float64Array, y: ArrayLike<number>, edges: Float64Array): Bins {
  const nb = edges.length - 1;
  const total = new Float64Array(nb);
  const sumProb = new Float64Array(nb);
  const sumTrue = new Float64Array(nb);
  for (let i = 0; i < prob.length; i++) {
    const v = prob[i]!;
    // count interior edges strictly below v
    let lo = 0;
    let hi = nb - 1;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (edges[mid + 1]! < v) lo = mid + 1;
      else hi = mid;
    }
    total[lo]!++;
    sumProb[lo]! += v;
    sumTrue[lo]! += y[i]!;
  }
  return { edges, total, sumProb, sumTrue };
}

/** Reads the inputs of calibration_curve. */
export function calibrationInputs(
  fn: string,
  yTrue: unknown,
  yProb: unknown,
  posLabel: Label | undefined,
  nBins: unknown,
  strategy: unknown,
): { y: Uint8Array; p: Float64Array; nBins: number; strategy: 'uniform' | 'quantile' } {
  const t = readLabels(fn, 'yTrue', yTrue);
  const p = numbers(fn, 'yProb', yProb);
  sameLength(fn, 'yTrue', t.length, 'yProb', p.length);
  const nb = num(fn, 'nBins', nBins, (v) => Number.isInteger(v) && v >= 1, 'an integer >= 1');
  const st = oneOf(fn, 'strategy', strategy, ['uniform', 'quantile'] as const);
  const classes = uniqueLabels(fn, { name: 'yTrue', values: t });
  const pos = positiveLabel(fn, classes, posLabel);
  for (let i = 0; i < p.length; i++) {
    if (p[i]! < 0 || p[i]! > 1)
      throw new RangeError(`${fn}: yProb must be in [0, 1], got ${p[i]} at index ${i}`);
  }
  if (classes.length > 2) {
    throw new RangeError(
      `${fn}: only binary targets are supported, got ${classes.length} classes ${show(classes)}`,
    );
  }
  return { y: Uint8Array.from(t, (v) => (v === pos ? 1 : 0)), p, nBins: nb, strategy: st };
}
