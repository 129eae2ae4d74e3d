import { describe, expect, test } from 'vitest';
import {
  accuracyScore,
  averagePrecisionScore,
  confusionMatrix,
  explainedVarianceScore,
  maxError,
  meanAbsoluteError,
  meanSquaredError,
  precisionRecallFscoreSupport,
  r2Score,
  rocAucScore,
  type StreamingMetric,
  streamingAccuracy,
  streamingAveragePrecision,
  streamingConfusionMatrix,
  streamingMean,
  streamingPrecisionRecallFscore,
  streamingRegression,
  streamingRocAuc,
} from '../src/index';

/** A small seeded generator (mulberry32) so the data is the same on every run. */
function rng(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const rand = rng(7);
const n = 600;
const classes = ['ant', 'bee', 'cat', 'dog'];
const yTrue = Array.from({ length: n }, () => classes[Math.floor(rand() * 4)]!);
const yPred = yTrue.map((y) => (rand() < 0.6 ? y : classes[Math.floor(rand() * 4)]!));
const weights = Array.from({ length: n }, () => Math.round(rand() * 300) / 100);
const yBin = Array.from({ length: n }, () => (rand() < 0.4 ? 1 : 0));
const scores = yBin.map((y) => Math.min(1, Math.max(0, 0.35 + 0.3 * y + (rand() - 0.5) * 0.6)));
const reg = Array.from({ length: n }, () => rand() * 10 - 3);
const regPred = reg.map((v) => v + (rand() - 0.5) * 2 + 0.3);

/** Runs an accumulator over uneven batches, and over two halves merged, through JSON. */
function streamed<S, R>(
  m: StreamingMetric<S, unknown[], R>,
  ...cols: unknown[][]
): { batches: R; merged: R } {
  const cuts = [0, 1, 7, 50, 51, 300, 413, n];
  let s = m.init();
  for (let i = 1; i < cuts.length; i++) s = m.update(s, ...cols.map((c) => c.slice(cuts[i - 1], cuts[i])));
  const half = (a: number, b: number) =>
    JSON.parse(JSON.stringify(m.update(m.init(), ...cols.map((c) => c.slice(a, b))))) as S;
  return { batches: m.compute(s), merged: m.compute(m.merge(half(0, 250), half(250, n))) };
}

describe('streaming accumulators equal the batch metrics on all the data', () => {
  test('streamingAccuracy: weighted and unweighted, batches and merged halves', () => {
    const a = streamed(streamingAccuracy() as never, yTrue, yPred);
    expect(a.batches).toBeCloseTo(accuracyScore(yTrue, yPred), 14);
    expect(a.merged).toBeCloseTo(accuracyScore(yTrue, yPred), 14);
    const w = streamed(streamingAccuracy() as never, yTrue, yPred, weights);
    expect(w.batches).toBeCloseTo(accuracyScore(yTrue, yPred, { sampleWeight: weights }), 12);
    expect(streamingAccuracy().compute(streamingAccuracy().init())).toBeNaN();
  });
  test('streamingConfusionMatrix: growing labels (exact counts), fixed labels, weights', () => {
    const c = streamed(streamingConfusionMatrix() as never, yTrue, yPred) as {
      batches: { labels: string[]; matrix: number[][] };
      merged: { matrix: number[][] };
    };
    expect(c.batches.labels).toEqual(classes);
    expect(c.batches.matrix).toEqual(confusionMatrix(yTrue, yPred));
    expect(c.merged.matrix).toEqual(confusionMatrix(yTrue, yPred));
    const f = streamed(streamingConfusionMatrix({ labels: ['dog', 'ant'] }) as never, yTrue, yPred) as {
      batches: { matrix: number[][] };
    };
    expect(f.batches.matrix).toEqual(confusionMatrix(yTrue, yPred, { labels: ['dog', 'ant'] }));
    const w = streamed(streamingConfusionMatrix() as never, yTrue, yPred, weights) as {
      batches: { matrix: number[][] };
    };
    const want = confusionMatrix(yTrue, yPred, { sampleWeight: weights });
    for (const [i, row] of w.batches.matrix.entries()) {
      for (const [j, v] of row.entries()) expect(v).toBeCloseTo(want[i]![j]!, 10);
    }
  });
  test.each([null, 'micro', 'macro', 'weighted'] as const)(
    'streamingPrecisionRecallFscore, average %s',
    (average) => {
      for (const options of [
        { average },
        { average, beta: 2, zeroDivision: 1 as const },
        { average, labels: ['cat', 'eel', 'ant'] },
      ]) {
        const r = streamed(streamingPrecisionRecallFscore(options) as never, yTrue, yPred) as {
          batches: unknown;
          merged: unknown;
        };
        const want = precisionRecallFscoreSupport(yTrue, yPred, options);
        expect(r.batches).toEqual(want);
        expect(r.merged).toEqual(want);
      }
    },
  );
  test("streamingPrecisionRecallFscore, average 'binary' and its errors", () => {
    const r = streamed(
      streamingPrecisionRecallFscore({ average: 'binary' }) as never,
      yBin,
      yBin.map((y, i) => (i % 3 ? y : 1 - y)),
    );
    expect(r.batches).toEqual(
      precisionRecallFscoreSupport(
        yBin,
        yBin.map((y, i) => (i % 3 ? y : 1 - y)),
        { average: 'binary' },
      ),
    );
    const m = streamingPrecisionRecallFscore({ average: 'binary' });
    expect(() => m.compute(m.update(m.init(), yTrue, yPred))).toThrow(
      /multiclass \(4 labels\) but average is 'binary'/,
    );
    expect(() => streamingPrecisionRecallFscore({ average: 'samples' as never })).toThrow(
      /average must be one of/,
    );
  });
  test('streamingMean: the mean loss of an epoch from batch means and sizes', () => {
    const m = streamingMean();
    let s = m.init();
    const losses = [0.9, 0.7, 0.65];
    const sizes = [32, 32, 5];
    losses.forEach((l, i) => {
      s = m.update(s, l, sizes[i]);
    });
    expect(m.compute(s)).toBeCloseTo((0.9 * 32 + 0.7 * 32 + 0.65 * 5) / 69, 15);
    expect(m.compute(m.update(m.init(), [1, 2, 3, 6]))).toBe(3);
    expect(() => m.update(s, [1, 2], [1])).toThrow(
      /streamingMean.update: values and weights must have the same number of samples, got 2 and 1/,
    );
    expect(() => m.update(s, Number.NaN)).toThrow(/values must be finite, got NaN/);
  });
  test('streamingRegression: MAE, MSE, RMSE, max error, R2, explained variance to 1e-12', () => {
    for (const w of [undefined, weights]) {
      const cols = w ? [reg, regPred, w] : [reg, regPred];
      const r = streamed(streamingRegression() as never, ...cols) as {
        batches: Record<string, number>;
        merged: Record<string, number>;
      };
      const o = { sampleWeight: w };
      const want = {
        meanAbsoluteError: meanAbsoluteError(reg, regPred, o) as number,
        meanSquaredError: meanSquaredError(reg, regPred, o) as number,
        rootMeanSquaredError: meanSquaredError(reg, regPred, { ...o, squared: false }) as number,
        maxError: maxError(reg, regPred),
        r2: r2Score(reg, regPred, o) as number,
        explainedVariance: explainedVarianceScore(reg, regPred, o) as number,
      };
      for (const got of [r.batches, r.merged]) {
        for (const [k, v] of Object.entries(want))
          expect(Math.abs(got[k]! - v), k).toBeLessThanOrEqual(1e-12 * Math.max(1, Math.abs(v)));
      }
    }
    const c = streamingRegression();
    expect(c.compute(c.update(c.init(), [2, 2, 2], [2, 2, 2])).r2).toBe(1);
    expect(c.compute(c.update(c.init(), [2, 2, 2], [2, 2, 3])).r2).toBe(0);
  });
});

describe('binned ROC AUC and average precision: the documented error bounds hold', () => {
  test('streamingRocAuc: |binned - exact| <= maxError for every bin count, weighted or not; merged = batches', () => {
    for (const nBins of [2, 10, 100, 1000, 100000]) {
      for (const w of [undefined, weights]) {
        const cols = w ? [yBin, scores, w] : [yBin, scores];
        const r = streamed(streamingRocAuc({ nBins }) as never, ...cols) as {
          batches: { auc: number; maxError: number };
          merged: { auc: number };
        };
        const exact = rocAucScore(yBin, scores, { sampleWeight: w }) as number;
        expect(Math.abs(r.batches.auc - exact)).toBeLessThanOrEqual(r.batches.maxError + 1e-12);
        expect(r.merged.auc).toBeCloseTo(r.batches.auc, 12);
        if (nBins >= 1000) expect(r.batches.maxError).toBeLessThan(0.01);
      }
    }
  });
  test('streamingRocAuc equals the exact AUC of the scores rounded to their bins', () => {
    const nBins = 20;
    const binned = scores.map((s) => Math.min(nBins - 1, Math.floor(s * nBins)));
    const m = streamingRocAuc({ nBins });
    expect(m.compute(m.update(m.init(), yBin, scores)).auc).toBeCloseTo(
      rocAucScore(yBin, binned) as number,
      12,
    );
  });
  test('streamingAveragePrecision: lower <= exact AP <= upper; equals the AP of the binned scores', () => {
    for (const nBins of [1, 3, 10, 100, 1000]) {
      for (const w of [undefined, weights]) {
        const cols = w ? [yBin, scores, w] : [yBin, scores];
        const r = streamed(streamingAveragePrecision({ nBins }) as never, ...cols) as {
          batches: { averagePrecision: number; lower: number; upper: number; maxError: number };
          merged: { averagePrecision: number };
        };
        const exact = averagePrecisionScore(yBin, scores, { sampleWeight: w }) as number;
        expect(exact).toBeGreaterThanOrEqual(r.batches.lower - 1e-12);
        expect(exact).toBeLessThanOrEqual(r.batches.upper + 1e-12);
        expect(Math.abs(r.batches.averagePrecision - exact)).toBeLessThanOrEqual(r.batches.maxError + 1e-12);
        expect(r.merged.averagePrecision).toBeCloseTo(r.batches.averagePrecision, 12);
      }
    }
    const nBins = 20;
    const binned = scores.map((s) => Math.min(nBins - 1, Math.floor(s * nBins)));
    const m = streamingAveragePrecision({ nBins });
    expect(m.compute(m.update(m.init(), yBin, scores)).averagePrecision).toBeCloseTo(
      averagePrecisionScore(yBin, binned) as number,
      12,
    );
  });
  test('bad inputs: scores outside scoreRange, bad bins, mismatched merges, one class', () => {
    const m = streamingRocAuc();
    expect(() => m.update(m.init(), [0, 1], [0.5, 1.5])).toThrow(
      /streamingRocAuc.update: yScore must be within scoreRange \[0, 1\], got 1.5 at index 1/,
    );
    expect(() => streamingRocAuc({ nBins: 0 })).toThrow(
      /streamingRocAuc: nBins must be an integer in \[1, 1e7\], got 0/,
    );
    expect(() => streamingRocAuc({ scoreRange: [1, 0] })).toThrow(
      /scoreRange must be \[lo, hi\] with finite lo < hi, got \[1, 0\]/,
    );
    expect(() => m.merge(m.init(), streamingRocAuc({ nBins: 10 }).init())).toThrow(
      /streamingRocAuc.merge: the states have different bins/,
    );
    expect(() => m.compute(m.update(m.init(), [1, 1], [0.2, 0.3]))).toThrow(/only one class has been seen/);
    const logits = streamingRocAuc({ scoreRange: [-10, 10] });
    expect(logits.compute(logits.update(logits.init(), [0, 1], [-3, 4])).auc).toBe(1);
    const cm = streamingConfusionMatrix({ labels: [0, 1] });
    expect(() => cm.merge(cm.init(), streamingConfusionMatrix({ labels: [1, 0] }).init())).toThrow(
      /different fixed labels/,
    );
    expect(() => cm.update(cm.init(), [0, 1], [0])).toThrow(
      /streamingConfusionMatrix.update: yTrue and yPred must have the same number of samples/,
    );
    expect(() => streamingConfusionMatrix({ label: [0] } as never)).toThrow(
      /unknown option 'label'; did you mean 'labels'\?/,
    );
  });
  test('streamingAveragePrecision shares the binned path with streamingRocAuc: its errors name it', () => {
    const ap = streamingAveragePrecision({ nBins: 4 });
    expect(() => streamingAveragePrecision({ nbins: 4 } as never)).toThrow(
      /^streamingAveragePrecision: unknown option 'nbins'; did you mean 'nBins'\?/,
    );
    expect(() => streamingAveragePrecision({ nBins: 1.5 })).toThrow(
      /^streamingAveragePrecision: nBins must be an integer in \[1, 1e7\], got 1.5/,
    );
    expect(() => ap.update(ap.init(), [0, 1], [-0.5, 0.5])).toThrow(
      /^streamingAveragePrecision.update: yScore must be within scoreRange \[0, 1\], got -0.5 at index 0/,
    );
    expect(() => ap.merge(ap.init(), streamingAveragePrecision({ nBins: 5 }).init())).toThrow(
      /^streamingAveragePrecision.merge: the states have different bins/,
    );
    expect(() => ap.compute({ pos: [] } as never)).toThrow(
      /^streamingAveragePrecision.compute: state must be a state of streamingAveragePrecision/,
    );
    // the two accumulators keep the same state: one's state is the other's
    const roc = streamingRocAuc({ nBins: 4 });
    const s = roc.update(roc.init(), [0, 1, 1], [0.1, 0.6, 0.9]);
    expect(ap.compute(s).averagePrecision).toBe(1);
    expect(ap.update(ap.init(), [0, 1, 1], [0.1, 0.6, 0.9])).toEqual(s);
  });
  test('states are plain data: they survive JSON and are not mutated by update', () => {
    const m = streamingRocAuc({ nBins: 4 });
    const s0 = m.init();
    const s1 = m.update(s0, [0, 1], [0.1, 0.9]);
    expect(s0.pos).toEqual([0, 0, 0, 0]);
    expect(JSON.parse(JSON.stringify(s1))).toEqual(s1);
  });
});
