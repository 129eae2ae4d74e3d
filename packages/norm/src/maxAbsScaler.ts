import { makeScaler } from './internal/makeScaler';
import { allMissing, checkVector, handleZeros } from './internal/matrix';
import type { IncrementalScaler } from './Scaler';

/** The fitted state of a {@link maxAbsScaler}: plain data, `JSON.stringify`-able. */
export interface MaxAbsScalerState {
  /** Which scaler fitted it. */
  kind: 'maxAbsScaler';
  /** Number of features. */
  nFeatures: number;
  /** Rows seen (`n_samples_seen_`). */
  nSamplesSeen: number;
  /** Per-feature largest magnitude, NaN ignored (`max_abs_`). */
  maxAbs: number[];
  /** Per-feature divisor (1 for all-zero features; `scale_`). */
  scale: number[];
}

/**
 * Divides each feature by its largest magnitude, like scikit-learn 1.2's `MaxAbsScaler`:
 * $x'_{ij} = x_{ij} / \max_i |x_{ij}|$, so values land in $[-1, 1]$ without shifting (zeros, and sparsity,
 * are kept). All-zero features are left as they are; NaN is ignored by the statistics and passed through.
 * `partialFit` keeps the running maximum.
 *
 * @returns the scaler; its state is a {@link MaxAbsScalerState}.
 * @example
 * ```ts
 * import { maxAbsScaler } from '@dl/norm';
 * const scaler = maxAbsScaler();
 * const state = scaler.fit([[1, -4], [-2, 2]]);
 * state.maxAbs; // [2, 4]
 * scaler.transform([[1, 1]], state); // [[0.5, 0.25]]
 * ```
 * @see https://scikit-learn.org/1.2/modules/generated/sklearn.preprocessing.MaxAbsScaler.html
 */
export function maxAbsScaler(): IncrementalScaler<MaxAbsScalerState> {
  return makeScaler<MaxAbsScalerState>({
    kind: 'maxAbsScaler',
    fit(fn, m, prev) {
      const { rows, cols, data } = m;
      const maxAbs: number[] = [];
      for (let j = 0; j < cols; j++) {
        let hi = prev?.maxAbs[j] ?? -1;
        for (let i = 0; i < rows; i++) {
          const v = Math.abs(data[i * cols + j]!);
          if (v > hi) hi = v;
        }
        if (hi < 0) throw allMissing(fn, j);
        maxAbs.push(hi);
      }
      return {
        kind: 'maxAbsScaler',
        nFeatures: cols,
        nSamplesSeen: (prev?.nSamplesSeen ?? 0) + rows,
        maxAbs,
        scale: handleZeros(maxAbs),
      };
    },
    check(fn, s) {
      checkVector(fn, 'scale', s.scale, s.nFeatures);
    },
    apply(data, cols, s, inverse) {
      for (let k = 0; k < data.length; k++) {
        const j = k % cols;
        data[k] = inverse ? data[k]! * s.scale[j]! : data[k]! / s.scale[j]!;
      }
    },
  });
}
