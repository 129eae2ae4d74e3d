import { type Dense, isMatrix, matrix, numbers, weights as readWeights, sameLength, show } from './check';

/** Regression targets as `[n, outputs]` row-major matrices. */
export interface RegressionTargets {
  n: number;
  k: number;
  t: Float64Array;
  p: Float64Array;
  w: Float64Array | undefined;
}

function read(fn: string, arg: string, x: unknown): Dense {
  if (isMatrix(x)) return matrix(fn, arg, x);
  const d = numbers(fn, arg, x);
  return { rows: d.length, cols: 1, data: d };
}

/** Reads yTrue / yPred (1-D or [n, outputs]) and sample weights. */
export function regressionTargets(
  fn: string,
  yTrue: unknown,
  yPred: unknown,
  sampleWeight?: unknown,
): RegressionTargets {
  const t = read(fn, 'yTrue', yTrue);
  const p = read(fn, 'yPred', yPred);
  sameLength(fn, 'yTrue', t.rows, 'yPred', p.rows);
  if (t.cols !== p.cols) {
    throw new RangeError(
      `${fn}: yTrue and yPred must have the same number of outputs (columns), got ${t.cols} and ${p.cols}`,
    );
  }
  return { n: t.rows, k: t.cols, t: t.data, p: p.data, w: readWeights(fn, sampleWeight, t.rows) };
}

/** How the errors of several outputs are combined. */
export type MultiOutput = 'raw_values' | 'uniform_average' | 'variance_weighted' | readonly number[];

/** Checks `multioutput` and returns its weights (or a keyword). */
export function multiOutput(
  fn: string,
  m: unknown,
  k: number,
  allowed: readonly string[] = ['raw_values', 'uniform_average'],
): 'raw_values' | 'uniform_average' | 'variance_weighted' | Float64Array {
  if (typeof m === 'string') {
    if (!allowed.includes(m)) {
      throw new RangeError(
        `${fn}: multioutput must be one of ${allowed.map((a) => show(a)).join(', ')} or an array of weights, got ${show(m)}`,
      );
    }
    return m as 'raw_values';
  }
  if (!Array.isArray(m) && !ArrayBuffer.isView(m)) {
    throw new TypeError(
      `${fn}: multioutput must be one of ${allowed.map((a) => show(a)).join(', ')} or an array of weights, got ${show(m)}`,
    );
  }
  const w = numbers(fn, 'multioutput', m);
  if (k === 1) throw new RangeError(`${fn}: multioutput weights are only for several outputs, got 1 output`);
  if (w.length !== k)
    throw new RangeError(`${fn}: multioutput must have one weight per output (${k}), got ${w.length}`);
  return w;
}

/** np.average(values, weights) for the final combination of outputs. */
export function combine(
  values: Float64Array,
  mo: ReturnType<typeof multiOutput>,
  varianceWeights?: Float64Array,
): number | number[] {
  if (mo === 'raw_values') return [...values];
  let w: ArrayLike<number> | undefined;
  if (mo === 'variance_weighted') w = varianceWeights!.some((v) => v !== 0) ? varianceWeights : undefined;
  else if (mo !== 'uniform_average') w = mo;
  let s = 0;
  let sw = 0;
  for (let j = 0; j < values.length; j++) {
    const wj = w ? w[j]! : 1;
    s += values[j]! * wj;
    sw += wj;
  }
  return s / sw;
}

/** The weighted mean of f(t, p) per output column. */
export function columnMeans(r: RegressionTargets, f: (t: number, p: number) => number): Float64Array {
  const { n, k, t, p, w } = r;
  const out = new Float64Array(k);
  let sw = 0;
  for (let i = 0; i < n; i++) sw += w ? w[i]! : 1;
  for (let j = 0; j < k; j++) {
    let s = 0;
    for (let i = 0; i < n; i++) s += f(t[i * k + j]!, p[i * k + j]!) * (w ? w[i]! : 1);
    out[j] = s / sw;
  }
  return out;
}

/** One output column of a row-major matrix. */
export function column(data: Float64Array, n: number, k: number, j: number): Float64Array {
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) out[i] = data[i * k + j]!;
  return out;
}

/** np.percentile(values, q) with numpy 1.24's default 'linear' method. */
export function percentile(values: Float64Array, q: number): number {
  const sorted = Float64Array.from(values).sort();
  const n = sorted.length;
  const quantile = q / 100;
  const vi = (n - 1) * quantile;
  if (vi >= n - 1) return sorted[n - 1]!;
  if (vi < 0) return sorted[0]!;
  const prev = Math.floor(vi);
  const gamma = vi - prev;
  const a = sorted[prev]!;
  const b = sorted[prev + 1]!;
  const d = b - a;
  return gamma >= 0.5 ? b - d * (1 - gamma) : a + d * gamma;
}

/** np.median. */
export function median(values: Float64Array): number {
  const s = Float64Array.from(values).sort();
  const n = s.length;
  return n % 2 ? s[(n - 1) / 2]! : (s[n / 2 - 1]! + s[n / 2]!) / 2;
}

/** scikit-learn's `_weighted_percentile` (the lower weighted percentile, no interpolation). */
export function weightedPercentile(values: Float64Array, w: Float64Array, q: number): number {
  const order = Array.from(values, (_, i) => i).sort((a, b) => values[a]! - values[b]!);
  const cdf = new Float64Array(values.length);
  let c = 0;
  for (let i = 0; i < order.length; i++) {
    c += w[order[i]!]!;
    cdf[i] = c;
  }
  let target = (q / 100) * cdf[cdf.length - 1]!;
  if (target === 0) target = Number.MIN_VALUE;
  let idx = 0;
  while (idx < cdf.length && cdf[idx]! < target) idx++;
  idx = Math.min(idx, order.length - 1);
  return values[order[idx]!]!;
}
