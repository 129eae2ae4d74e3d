import { indicator, matrix, weights as readWeights, sameLength } from './check';

/**
 * scikit-learn's `_average_binary_score` for indicator targets: a binary metric per column (`'macro'`,
 * `'weighted'`, `null`), per row (`'samples'`) or on the flattened cells (`'micro'`).
 */
export function averageBinary(
  fn: string,
  yTrue: unknown,
  yScore: unknown,
  average: 'micro' | 'macro' | 'weighted' | 'samples' | null,
  sampleWeight: unknown,
  metric: (y: Uint8Array, s: Float64Array, w: Float64Array | undefined) => number,
): number | number[] {
  const t = indicator(fn, 'yTrue', yTrue);
  const s = matrix(fn, 'yScore', yScore);
  sameLength(fn, 'yTrue', t.rows, 'yScore', s.rows);
  if (t.cols !== s.cols) {
    throw new RangeError(
      `${fn}: yTrue and yScore must have the same number of columns, got ${t.cols} and ${s.cols}`,
    );
  }
  const w = readWeights(fn, sampleWeight, t.rows);
  const n = t.rows;
  const k = t.cols;
  if (average === 'micro') {
    const ww = w ? Float64Array.from({ length: n * k }, (_, i) => w[Math.floor(i / k)]!) : undefined;
    return metric(Uint8Array.from(t.data), s.data, ww);
  }
  if (average === 'samples') {
    const scores = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      scores[i] = metric(
        Uint8Array.from(t.data.subarray(i * k, i * k + k)),
        s.data.slice(i * k, i * k + k),
        undefined,
      );
    }
    let a = 0;
    let sw = 0;
    for (let i = 0; i < n; i++) {
      const wi = w ? w[i]! : 1;
      a += scores[i]! * wi;
      sw += wi;
    }
    return a / sw;
  }
  let avgWeight: Float64Array | undefined;
  if (average === 'weighted') {
    avgWeight = new Float64Array(k);
    for (let i = 0; i < n; i++)
      for (let j = 0; j < k; j++) avgWeight[j]! += t.data[i * k + j]! * (w ? w[i]! : 1);
    const total = avgWeight.reduce((a, b) => a + b, 0);
    if (Math.abs(total) <= 1e-8) return 0;
  }
  const scores = new Float64Array(k);
  for (let j = 0; j < k; j++) {
    const y = new Uint8Array(n);
    const sc = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      y[i] = t.data[i * k + j]!;
      sc[i] = s.data[i * k + j]!;
    }
    scores[j] = metric(y, sc, w);
  }
  if (average === null) return [...scores];
  if (avgWeight) {
    let a = 0;
    let sw = 0;
    for (let j = 0; j < k; j++) {
      const v = avgWeight[j] === 0 ? 0 : scores[j]!;
      a += v * avgWeight[j]!;
      sw += avgWeight[j]!;
    }
    return a / sw;
  }
  return scores.reduce((a, b) => a + b, 0) / k;
}
