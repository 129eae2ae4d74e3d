import { defineOptions, describe } from '@dl/internal';
import { makeScaler } from './internal/makeScaler';
import { allMissing, checkVector, handleZeros } from './internal/matrix';
import { normalPpf } from './internal/normalPpf';
import type { Scaler } from './Scaler';

/** Options of {@link robustScaler}. */
export interface RobustScalerOptions {
  /**
   * Subtract the per-feature median.
   * @defaultValue true
   */
  withCentering?: boolean;
  /**
   * Divide by the per-feature interquantile range.
   * @defaultValue true
   */
  withScaling?: boolean;
  /**
   * The percentiles $(q_{lo}, q_{hi})$, $0 \le q_{lo} < q_{hi} \le 100$, whose distance is the scale.
   * @defaultValue [25, 75]
   */
  quantileRange?: readonly [number, number];
  /**
   * Also divide by $\Phi^{-1}(q_{hi}/100) - \Phi^{-1}(q_{lo}/100)$, so that normally distributed features end
   * with unit variance.
   * @defaultValue false
   */
  unitVariance?: boolean;
}

/** The fitted state of a {@link robustScaler}: plain data, `JSON.stringify`-able. */
export interface RobustScalerState {
  /** Which scaler fitted it. */
  kind: 'robustScaler';
  /** Number of features. */
  nFeatures: number;
  /** Per-feature median, NaN ignored (`center_`), or `null` without centring. */
  center: number[] | null;
  /** Per-feature interquantile range (1 where it is zero; `scale_`), or `null` without scaling. */
  scale: number[] | null;
}

const robustScalerOptions = /* @__PURE__ */ defineOptions<RobustScalerOptions>()('robustScaler', {
  withCentering: true,
  withScaling: true,
  quantileRange: [25, 75],
  unitVariance: false,
});

/** NumPy's `percentile` with linear interpolation on sorted values (its `_lerp`, exact at the ends). */
function percentile(sorted: Float64Array, q: number): number {
  const pos = (q / 100) * (sorted.length - 1);
  const lo = Math.floor(pos);
  const hi = Math.min(lo + 1, sorted.length - 1);
  const t = pos - lo;
  const a = sorted[lo]!;
  const b = sorted[hi]!;
  const d = b - a;
  return t >= 0.5 ? b - d * (1 - t) : a + d * t;
}

function median(sorted: Float64Array): number {
  const n = sorted.length;
  const h = n >> 1;
  return n % 2 === 1 ? sorted[h]! : (sorted[h - 1]! + sorted[h]!) / 2;
}

/**
 * Centres each feature on its median and divides by an interquantile range, like scikit-learn 1.2's
 * `RobustScaler`, so outliers do not set the scale:
 * $$x'_{ij} = \frac{x_{ij} - \operatorname{median}_j}{Q_j(q_{hi}) - Q_j(q_{lo})}$$
 * with NumPy's linearly interpolated percentiles $Q_j$ over the non-NaN values. A zero range becomes 1. It has
 * no `partialFit` (quantiles do not stream), as in scikit-learn.
 *
 * @param options - see {@link RobustScalerOptions}.
 * @returns the scaler; its state is a {@link RobustScalerState}.
 * @example
 * ```ts
 * import { robustScaler } from '@dl/norm';
 * const scaler = robustScaler();
 * const state = scaler.fit([[1], [2], [3], [4], [100]]);
 * state.center; // [3]
 * state.scale; // [2]
 * scaler.transform([[5]], state); // [[1]]
 * ```
 * @see https://scikit-learn.org/1.2/modules/generated/sklearn.preprocessing.RobustScaler.html
 */
export function robustScaler(options?: RobustScalerOptions): Scaler<RobustScalerState> {
  const o = robustScalerOptions(options);
  for (const key of ['withCentering', 'withScaling', 'unitVariance'] as const) {
    if (typeof o[key] !== 'boolean') {
      throw new TypeError(`robustScaler: ${key} must be a boolean, got ${describe(o[key])}`);
    }
  }
  const qr = o.quantileRange;
  if (
    !Array.isArray(qr) ||
    qr.length !== 2 ||
    !qr.every((v) => typeof v === 'number' && v >= 0 && v <= 100) ||
    !(qr[0] < qr[1])
  ) {
    throw new RangeError(
      `robustScaler: quantileRange must be [qMin, qMax] with 0 <= qMin < qMax <= 100, got ${describe(qr)}`,
    );
  }
  const [qlo, qhi] = qr;
  const { withCentering, withScaling, unitVariance } = o;
  const { partialFit: _, ...scaler } = makeScaler<RobustScalerState>({
    kind: 'robustScaler',
    fit(fn, m) {
      const { rows, cols, data } = m;
      const center: number[] = [];
      const range: number[] = [];
      for (let j = 0; j < cols; j++) {
        const col: number[] = [];
        for (let i = 0; i < rows; i++) {
          const v = data[i * cols + j]!;
          if (!Number.isNaN(v)) col.push(v);
        }
        if (col.length === 0) throw allMissing(fn, j);
        const sorted = Float64Array.from(col).sort();
        center.push(median(sorted));
        range.push(percentile(sorted, qhi) - percentile(sorted, qlo));
      }
      let scale: number[] | null = null;
      if (withScaling) {
        scale = handleZeros(range);
        if (unitVariance) {
          const adjust = normalPpf(qhi / 100) - normalPpf(qlo / 100);
          scale = scale.map((s) => s / adjust);
        }
      }
      return { kind: 'robustScaler', nFeatures: cols, center: withCentering ? center : null, scale };
    },
    check(fn, s) {
      if (withCentering) checkVector(fn, 'center', s.center, s.nFeatures);
      if (withScaling) checkVector(fn, 'scale', s.scale, s.nFeatures);
    },
    apply(data, cols, s, inverse) {
      const center = withCentering ? s.center! : null;
      const scale = withScaling ? s.scale! : null;
      for (let k = 0; k < data.length; k++) {
        const j = k % cols;
        let v = data[k]!;
        if (inverse) {
          if (scale) v *= scale[j]!;
          if (center) v += center[j]!;
        } else {
          if (center) v -= center[j]!;
          if (scale) v /= scale[j]!;
        }
        data[k] = v;
      }
    },
  });
  return scaler;
}
