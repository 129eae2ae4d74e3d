import { defineOptions, describe } from '@dl/internal';
import { makeScaler } from './internal/makeScaler';
import { allMissing, checkVector, handleZeros } from './internal/matrix';
import type { IncrementalScaler } from './Scaler';

/** Options of {@link standardScaler}. */
export interface StandardScalerOptions {
  /**
   * Subtract the per-feature mean $\mu_j$.
   * @defaultValue true
   */
  withMean?: boolean;
  /**
   * Divide by the per-feature standard deviation $\sigma_j$.
   * @defaultValue true
   */
  withStd?: boolean;
  /**
   * Delta degrees of freedom of the standard deviation used as the scale: `0` divides the sum of squares by $n$
   * (scikit-learn, which has no such option), `1` by $n - 1$ (the sample standard deviation, as R's `scale()`
   * and `torch.std`). `var` in the state is always scikit-learn's `var_` (divided by $n$).
   * @defaultValue 0
   */
  ddof?: 0 | 1;
}

/** The fitted state of a {@link standardScaler}: plain data, `JSON.stringify`-able. */
export interface StandardScalerState {
  /** Which scaler fitted it. */
  kind: 'standardScaler';
  /** Number of features. */
  nFeatures: number;
  /**
   * Samples seen per feature (NaN excluded): one number when every feature saw the same count, else one per
   * feature (scikit-learn's `n_samples_seen_`).
   */
  nSamplesSeen: number | number[];
  /** Per-feature mean (`mean_`), or `null` when neither centring nor scaling. */
  mean: number[] | null;
  /** Per-feature variance divided by $n$ (`var_`), or `null` without `withStd`. */
  var: number[] | null;
  /** Per-feature scale $\sigma_j$ (1 for constant features; `scale_`), or `null` without `withStd`. */
  scale: number[] | null;
}

const standardScalerOptions = /* @__PURE__ */ defineOptions<StandardScalerOptions>()('standardScaler', {
  withMean: true,
  withStd: true,
  ddof: 0,
});

function checkBoolean(name: string, v: unknown): boolean {
  if (typeof v !== 'boolean')
    throw new TypeError(`standardScaler: ${name} must be a boolean, got ${describe(v)}`);
  return v;
}

/**
 * Standardizes features to zero mean and unit variance, like scikit-learn 1.2's `StandardScaler`:
 * $$z_{ij} = \frac{x_{ij} - \mu_j}{\sigma_j}, \qquad \mu_j = \frac{1}{n_j}\sum_i x_{ij}, \qquad
 * \sigma_j = \sqrt{\tfrac{1}{n_j - \text{ddof}} \textstyle\sum_i (x_{ij} - \mu_j)^2}$$
 * over the $n_j$ non-NaN values of feature $j$ (NaN passes through the transforms).
 *
 * - Features whose variance is indistinguishable from zero (scikit-learn's bound
 *   $\operatorname{var} \le n\varepsilon\operatorname{var} + (n\mu\varepsilon)^2$) get $\sigma_j = 1$: they are
 *   centred, never divided by zero.
 * - `partialFit` merges batches with scikit-learn's update (Chan, Golub and LeVeque's pairwise formula), so the
 *   state after streaming batches equals the state of one fit on all of them, up to rounding.
 * - A feature with no non-NaN value is a RangeError (scikit-learn warns and stores NaN).
 * - Fit the scaler on the training part only (inside each cross-validation fold); see the guide.
 *
 * @param options - see {@link StandardScalerOptions}.
 * @returns the scaler; its state is a {@link StandardScalerState}.
 * @example
 * ```ts
 * import { standardScaler } from '@dl/norm';
 * const scaler = standardScaler();
 * const state = scaler.fit([[0, 1], [2, 1], [4, 1]]);
 * state.mean; // [2, 1]
 * state.scale; // [1.632993161855452, 1]
 * scaler.transform([[2, 5]], state); // [[0, 4]]
 * scaler.inverseTransform([[1, 0]], state); // [[3.632993161855452, 1]]
 * ```
 * @see https://scikit-learn.org/1.2/modules/generated/sklearn.preprocessing.StandardScaler.html
 */
export function standardScaler(options?: StandardScalerOptions): IncrementalScaler<StandardScalerState> {
  const o = standardScalerOptions(options);
  const withMean = checkBoolean('withMean', o.withMean);
  const withStd = checkBoolean('withStd', o.withStd);
  if (o.ddof !== 0 && o.ddof !== 1) {
    throw new RangeError(`standardScaler: ddof must be 0 or 1, got ${describe(o.ddof)}`);
  }
  const ddof = o.ddof;
  return makeScaler<StandardScalerState>({
    kind: 'standardScaler',
    fit(fn, m, prev) {
      const { rows, cols, data } = m;
      const lastCount = prev === undefined ? new Array<number>(cols).fill(0) : counts(prev);
      const count: number[] = [];
      const mean: number[] = [];
      const variance: number[] = [];
      for (let j = 0; j < cols; j++) {
        let n = 0;
        let s = 0;
        for (let i = 0; i < rows; i++) {
          const v = data[i * cols + j]!;
          if (!Number.isNaN(v)) {
            n++;
            s += v;
          }
        }
        const n0 = lastCount[j]!;
        const total = n0 + n;
        if (total === 0) throw allMissing(fn, j);
        count.push(total);
        if (!withMean && !withStd) continue;
        const m0 = prev?.mean?.[j] ?? 0;
        if (n === 0) {
          mean.push(m0);
          variance.push(prev?.var?.[j] ?? 0);
          continue;
        }
        const lastSum = m0 * n0;
        mean.push((lastSum + s) / total);
        if (!withStd) continue;
        // scikit-learn's _incremental_mean_and_var: corrected two-pass sums of the batch, then the merge.
        const t = s / n;
        let corr = 0;
        let sq = 0;
        for (let i = 0; i < rows; i++) {
          const v = data[i * cols + j]!;
          if (!Number.isNaN(v)) {
            corr += v - t;
            sq += (v - t) * (v - t);
          }
        }
        const newUnnormalized = sq - (corr * corr) / n;
        let unnormalized = newUnnormalized;
        if (n0 > 0) {
          const lastOverNew = n0 / n;
          const d = lastSum / lastOverNew - s;
          unnormalized = (prev?.var?.[j] ?? 0) * n0 + newUnnormalized + (lastOverNew / total) * d * d;
        }
        variance.push(unnormalized / total);
      }
      const same = count.every((c) => c === count[0]);
      const state: StandardScalerState = {
        kind: 'standardScaler',
        nFeatures: cols,
        nSamplesSeen: same ? count[0]! : count,
        mean: withMean || withStd ? mean : null,
        var: withStd ? variance : null,
        scale: null,
      };
      if (withStd) {
        const constant = variance.map((v, j) => {
          const n = count[j]!;
          const mu = mean[j]!;
          return v <= n * Number.EPSILON * v + (n * mu * Number.EPSILON) ** 2;
        });
        const std = variance.map((v, j) => Math.sqrt(ddof === 0 ? v : (v * count[j]!) / (count[j]! - 1)));
        state.scale = handleZeros(std, constant);
      }
      return state;
    },
    check(fn, s) {
      if (withMean) checkVector(fn, 'mean', s.mean, s.nFeatures);
      if (withStd) checkVector(fn, 'scale', s.scale, s.nFeatures);
    },
    apply(data, cols, s, inverse) {
      const mean = withMean ? s.mean! : null;
      const scale = withStd ? s.scale! : null;
      for (let k = 0; k < data.length; k++) {
        const j = k % cols;
        let v = data[k]!;
        if (inverse) {
          if (scale) v *= scale[j]!;
          if (mean) v += mean[j]!;
        } else {
          if (mean) v -= mean[j]!;
          if (scale) v /= scale[j]!;
        }
        data[k] = v;
      }
    },
  });
}

function counts(s: StandardScalerState): number[] {
  const c = s.nSamplesSeen;
  return typeof c === 'number' ? new Array<number>(s.nFeatures).fill(c) : [...c];
}
