import { defineOptions, describe } from '@dl/internal';
import { makeScaler } from './internal/makeScaler';
import { allMissing, checkVector, handleZeros } from './internal/matrix';
import type { IncrementalScaler } from './Scaler';

/** Options of {@link minMaxScaler}. */
export interface MinMaxScalerOptions {
  /**
   * The target range $[a, b]$ of each feature, $a < b$.
   * @defaultValue [0, 1]
   */
  featureRange?: readonly [number, number];
  /**
   * Clip transformed values to `featureRange` (for test data outside the training range).
   * @defaultValue false
   */
  clip?: boolean;
}

/** The fitted state of a {@link minMaxScaler}: plain data, `JSON.stringify`-able. */
export interface MinMaxScalerState {
  /** Which scaler fitted it. */
  kind: 'minMaxScaler';
  /** Number of features. */
  nFeatures: number;
  /** Rows seen (`n_samples_seen_`). */
  nSamplesSeen: number;
  /** Per-feature minimum, NaN ignored (`data_min_`). */
  dataMin: number[];
  /** Per-feature maximum, NaN ignored (`data_max_`). */
  dataMax: number[];
  /** `dataMax - dataMin` (`data_range_`). */
  dataRange: number[];
  /** Per-feature factor $s_j$ (`scale_`). */
  scale: number[];
  /** Per-feature offset $o_j$ (`min_`). */
  min: number[];
}

const minMaxScalerOptions = /* @__PURE__ */ defineOptions<MinMaxScalerOptions>()('minMaxScaler', {
  featureRange: [0, 1],
  clip: false,
});

/**
 * Scales each feature linearly onto `featureRange` $[a, b]$, like scikit-learn 1.2's `MinMaxScaler`:
 * $$x'_{ij} = x_{ij} s_j + o_j, \qquad s_j = \frac{b - a}{\max_i x_{ij} - \min_i x_{ij}}, \qquad
 * o_j = a - s_j \min_i x_{ij},$$
 * NaN ignored by the statistics and passed through. A constant feature (range below $10\varepsilon$) gets
 * $s_j = b - a$, so it maps to $a + (b - a)(x - \min)$ = $a$. `partialFit` keeps the running minimum and maximum.
 *
 * @param options - see {@link MinMaxScalerOptions}.
 * @returns the scaler; its state is a {@link MinMaxScalerState}.
 * @example
 * ```ts
 * import { minMaxScaler } from '@dl/norm';
 * const scaler = minMaxScaler({ featureRange: [-1, 1] });
 * const state = scaler.fit([[0, 10], [5, 20], [10, 30]]);
 * scaler.transform([[5, 10], [20, 30]], state); // [[0, -1], [3, 1]]
 * minMaxScaler({ featureRange: [-1, 1], clip: true }).transform([[20, 30]], state); // [[1, 1]]
 * ```
 * @see https://scikit-learn.org/1.2/modules/generated/sklearn.preprocessing.MinMaxScaler.html
 */
export function minMaxScaler(options?: MinMaxScalerOptions): IncrementalScaler<MinMaxScalerState> {
  const o = minMaxScalerOptions(options);
  const range = o.featureRange;
  if (
    !Array.isArray(range) ||
    range.length !== 2 ||
    !range.every((v) => typeof v === 'number' && Number.isFinite(v)) ||
    !(range[0] < range[1])
  ) {
    throw new RangeError(
      `minMaxScaler: featureRange must be [min, max] with finite min < max, got ${describe(range)}`,
    );
  }
  if (typeof o.clip !== 'boolean')
    throw new TypeError(`minMaxScaler: clip must be a boolean, got ${describe(o.clip)}`);
  const [a, b] = range;
  const clip = o.clip;
  return makeScaler<MinMaxScalerState>({
    kind: 'minMaxScaler',
    fit(fn, m, prev) {
      const { rows, cols, data } = m;
      const dataMin: number[] = [];
      const dataMax: number[] = [];
      for (let j = 0; j < cols; j++) {
        let lo = prev?.dataMin[j] ?? Infinity;
        let hi = prev?.dataMax[j] ?? -Infinity;
        for (let i = 0; i < rows; i++) {
          const v = data[i * cols + j]!;
          if (v < lo) lo = v;
          if (v > hi) hi = v;
        }
        if (lo > hi) throw allMissing(fn, j);
        dataMin.push(lo);
        dataMax.push(hi);
      }
      const dataRange = dataMax.map((hi, j) => hi - dataMin[j]!);
      const scale = handleZeros(dataRange).map((r) => (b - a) / r);
      return {
        kind: 'minMaxScaler',
        nFeatures: cols,
        nSamplesSeen: (prev?.nSamplesSeen ?? 0) + rows,
        dataMin,
        dataMax,
        dataRange,
        scale,
        min: dataMin.map((lo, j) => a - lo * scale[j]!),
      };
    },
    check(fn, s) {
      checkVector(fn, 'scale', s.scale, s.nFeatures);
      checkVector(fn, 'min', s.min, s.nFeatures);
    },
    apply(data, cols, s, inverse) {
      for (let k = 0; k < data.length; k++) {
        const j = k % cols;
        if (inverse) {
          data[k] = (data[k]! - s.min[j]!) / s.scale[j]!;
        } else {
          let v = data[k]! * s.scale[j]! + s.min[j]!;
          if (clip) v = Math.min(Math.max(v, a), b);
          data[k] = v;
        }
      }
    },
  });
}
