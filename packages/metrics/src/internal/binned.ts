import type { StreamingMetric } from '../StreamingMetric';
import type { BinnedRankingState, StreamingBinnedOptions } from '../streamingRocAuc';
import type { Label, Labels, Values } from '../types';
import { positiveLabel } from './binary';
import {
  num,
  numbers,
  labels as readLabels,
  weights as readWeights,
  sameLength,
  show,
  uniqueLabels,
} from './check';
import { guarded } from './guarded';

/** The state of a binned ranking accumulator (documented as BinnedRankingState). */
type BinnedState = BinnedRankingState;

export function readBinning(
  fn: string,
  nBins: unknown,
  range: unknown,
): { nBins: number; range: [number, number] } {
  const n = num(
    fn,
    'nBins',
    nBins,
    (v) => Number.isInteger(v) && v >= 1 && v <= 1e7,
    'an integer in [1, 1e7]',
  );
  if (
    !Array.isArray(range) ||
    range.length !== 2 ||
    !range.every((v) => typeof v === 'number' && Number.isFinite(v)) ||
    !(range[0] < range[1])
  ) {
    throw new RangeError(`${fn}: scoreRange must be [lo, hi] with finite lo < hi, got ${show(range)}`);
  }
  return { nBins: n, range: [range[0], range[1]] };
}

export function binnedUpdate(
  fn: string,
  state: BinnedState,
  yTrue: unknown,
  yScore: unknown,
  sampleWeight: unknown,
  posLabel: Label | undefined,
): BinnedState {
  const t = readLabels(fn, 'yTrue', yTrue);
  const s = numbers(fn, 'yScore', yScore);
  sameLength(fn, 'yTrue', t.length, 'yScore', s.length);
  const w = readWeights(fn, sampleWeight, t.length);
  const classes = uniqueLabels(fn, { name: 'yTrue', values: t });
  if (classes.length > 2 && posLabel === undefined) {
    throw new RangeError(
      `${fn}: yTrue must be binary unless posLabel is given, got ${classes.length} classes ${show(classes)}`,
    );
  }
  const pos = positiveLabel(fn, classes, posLabel);
  const [lo, hi] = state.range;
  const k = state.pos.length;
  const P = [...state.pos];
  const N = [...state.neg];
  let weighted = state.weighted;
  for (let i = 0; i < t.length; i++) {
    const v = s[i]!;
    if (v < lo || v > hi)
      throw new RangeError(`${fn}: yScore must be within scoreRange [${lo}, ${hi}], got ${v} at index ${i}`);
    const b = Math.min(k - 1, Math.floor(((v - lo) / (hi - lo)) * k));
    const wi = w ? w[i]! : 1;
    if (wi !== 1) weighted = true;
    if (t[i] === pos) P[b]! += wi;
    else N[b]! += wi;
  }
  return { range: state.range, pos: P, neg: N, weighted };
}

export function binnedMerge(fn: string, a: BinnedState, b: BinnedState): BinnedState {
  if (a.pos.length !== b.pos.length || a.range[0] !== b.range[0] || a.range[1] !== b.range[1]) {
    throw new RangeError(
      `${fn}: the states have different bins (${a.pos.length} on [${a.range}] and ${b.pos.length} on [${b.range}])`,
    );
  }
  return {
    range: a.range,
    pos: a.pos.map((v, i) => v + b.pos[i]!),
    neg: a.neg.map((v, i) => v + b.neg[i]!),
    weighted: a.weighted || b.weighted,
  };
}

/**
 * The accumulator of a binned ranking metric (streamingRocAuc, streamingAveragePrecision): one binning, update and
 * merge for both, each with its own `compute`, guarded against foreign states.
 * @param fn - the public function name.
 * @param options - its options, resolved by its reader.
 * @param compute - the metric of a state.
 */
export function binnedRanking<R>(
  fn: string,
  options: StreamingBinnedOptions,
  compute: (state: BinnedState) => R,
): StreamingMetric<BinnedState, [yTrue: Labels, yScore: Values, sampleWeight?: Values], R> {
  const { nBins, range } = readBinning(fn, options.nBins, options.scoreRange);
  const posLabel = options.posLabel;
  return guarded(fn, {
    init: (): BinnedState => ({
      range: [...range],
      pos: new Array(nBins).fill(0),
      neg: new Array(nBins).fill(0),
      weighted: false,
    }),
    update: (state, yTrue, yScore, sampleWeight) =>
      binnedUpdate(`${fn}.update`, state, yTrue, yScore, sampleWeight, posLabel),
    merge: (a, b) => binnedMerge(`${fn}.merge`, a, b),
    compute,
  });
}

export function totals(s: BinnedState): [number, number] {
  return [s.pos.reduce((a, b) => a + b, 0), s.neg.reduce((a, b) => a + b, 0)];
}
