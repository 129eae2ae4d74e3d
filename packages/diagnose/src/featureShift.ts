import { defineOptions, describe } from '@dl/internal';
import { ksTwoSample } from './ksTwoSample';
import { populationStabilityIndex } from './populationStabilityIndex';

/** Samples × features: rows of numbers, or a {@link DenseMatrix} (a tensor, any TensorData). */
export type FeatureMatrix = readonly (readonly number[])[] | DenseMatrix;

/** A row-major matrix in the shared tensor layout. */
export interface DenseMatrix {
  /** `[samples, features]`. */
  readonly shape: readonly number[];
  /** `samples × features` values, row-major. */
  readonly data: ArrayLike<number>;
}

/** Options of {@link featureShift}. */
export interface FeatureShiftOptions {
  /**
   * The family-wise error rate of the per-feature KS tests.
   * @defaultValue 0.05
   */
  alpha?: number;
  /**
   * The multiple-testing correction: `'holm'` (step-down, uniformly more powerful) or `'bonferroni'`.
   * @defaultValue 'holm'
   */
  correction?: 'holm' | 'bonferroni';
  /**
   * Bins of the PSI.
   * @defaultValue 10
   */
  bins?: number;
}

/** One feature's result in {@link featureShift}. */
export interface FeatureShiftResult {
  /** The feature's index (column). */
  feature: number;
  /** The KS statistic. */
  statistic: number;
  /** The KS p-value (asymptotic). */
  pvalue: number;
  /** The p-value after the correction (capped at 1). */
  adjustedPvalue: number;
  /** The population stability index. */
  psi: number;
  /** Whether the corrected test rejects "same distribution" at `alpha`. */
  shifted: boolean;
}

/** The result of {@link featureShift}. */
export interface FeatureShiftReport {
  /** Per feature, in column order. */
  features: FeatureShiftResult[];
  /** The indices of the shifted features, most significant first. */
  shifted: number[];
  /** Whether any feature shifted. */
  anyShift: boolean;
}

const readOptions = /* @__PURE__ */ defineOptions<FeatureShiftOptions>()('featureShift', {
  alpha: 0.05,
  correction: 'holm',
  bins: 10,
});

function columns(fn: string, name: string, x: unknown): Float64Array[] {
  if (Array.isArray(x)) {
    if (x.length === 0) throw new RangeError(`${fn}: ${name} must hold at least one row, got []`);
    const f = (x[0] as unknown[])?.length;
    if (typeof f !== 'number' || f === 0)
      throw new TypeError(`${fn}: ${name}[0] must be a non-empty row of numbers, got ${describe(x[0])}`);
    return Array.from({ length: f }, (_, j) =>
      Float64Array.from(x, (row: unknown, i) => {
        if (!Array.isArray(row) || row.length !== f)
          throw new RangeError(
            `${fn}: ${name}[${i}] must have ${f} values like ${name}[0], got ${describe(row)}`,
          );
        return row[j] as number;
      }),
    );
  }
  const t = x as { shape?: unknown; data?: ArrayLike<number> };
  if (
    t === null ||
    typeof t !== 'object' ||
    !Array.isArray(t.shape) ||
    t.shape.length !== 2 ||
    t.data === undefined
  ) {
    throw new TypeError(
      `${fn}: ${name} must be rows of numbers or { shape: [n, features], data }, got ${describe(x)}`,
    );
  }
  const [n, f] = t.shape as [number, number];
  return Array.from({ length: f }, (_, j) => Float64Array.from({ length: n }, (_, i) => t.data![i * f + j]!));
}

/**
 * Which features differ between two data sets (the playbook's train/test mismatch, confirmed): a two-sample
 * Kolmogorov–Smirnov test per feature with a family-wise correction (Holm's step-down, or Bonferroni), and the
 * population stability index of each feature.
 *
 * @param reference - the training data (samples × features).
 * @param current - the test or production data, with the same features.
 * @param options - alpha, correction, bins.
 * @returns per-feature results and the shifted features.
 * @example
 * ```ts
 * import { featureShift } from '@dl/diagnose';
 * const train = Array.from({ length: 200 }, (_, i) => [i % 10, (i * 7) % 13]);
 * const test = train.map(([a, b]) => [a + 5, b]); // feature 0 moved
 * featureShift(train, test).shifted; // [0]
 * ```
 */
export function featureShift(
  reference: FeatureMatrix,
  current: FeatureMatrix,
  options?: FeatureShiftOptions,
): FeatureShiftReport {
  const fn = 'featureShift';
  const { alpha, correction, bins } = readOptions(options);
  if (typeof alpha !== 'number' || !(alpha > 0 && alpha < 1))
    throw new RangeError(`${fn}: alpha must be in (0, 1), got ${describe(alpha)}`);
  if (correction !== 'holm' && correction !== 'bonferroni') {
    throw new RangeError(`${fn}: correction must be "holm" or "bonferroni", got ${describe(correction)}`);
  }
  const a = columns(fn, 'reference', reference);
  const b = columns(fn, 'current', current);
  if (a.length !== b.length) {
    throw new RangeError(
      `${fn}: current has ${b.length} features, reference has ${a.length}; they must be the same features`,
    );
  }
  const k = a.length;
  const features: FeatureShiftResult[] = a.map((col, j) => {
    const ks = ksTwoSample(col, b[j]!);
    return {
      feature: j,
      ...ks,
      adjustedPvalue: 1,
      psi: populationStabilityIndex(col, b[j]!, { bins }),
      shifted: false,
    };
  });
  const order = [...features].sort((x, y) => x.pvalue - y.pvalue);
  let running = 0;
  order.forEach((r, rank) => {
    const factor = correction === 'bonferroni' ? k : k - rank;
    running =
      correction === 'holm'
        ? Math.max(running, Math.min(1, factor * r.pvalue))
        : Math.min(1, factor * r.pvalue);
    r.adjustedPvalue = running;
    r.shifted = running <= alpha;
  });
  const shifted = order.filter((r) => r.shifted).map((r) => r.feature);
  return { features, shifted, anyShift: shifted.length > 0 };
}
