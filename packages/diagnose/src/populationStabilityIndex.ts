import { defineOptions, describe } from '@dl/internal';

/** Options of {@link populationStabilityIndex}. */
export interface PopulationStabilityIndexOptions {
  /**
   * The number of bins, cut at the reference sample's quantiles.
   * @defaultValue 10
   */
  bins?: number;
  /**
   * The share given to an empty bin (so that the logarithm stays finite).
   * @defaultValue 1e-4
   */
  epsilon?: number;
}

const readOptions = /* @__PURE__ */ defineOptions<PopulationStabilityIndexOptions>()(
  'populationStabilityIndex',
  {
    bins: 10,
    epsilon: 1e-4,
  },
);

/**
 * The population stability index of a feature between a reference sample (training data) and a new one:
 * $\mathrm{PSI} = \sum_i (q_i - p_i)\ln(q_i/p_i)$ over bins cut at the reference's quantiles, $p_i$ and $q_i$
 * the two samples' shares. The usual reading: below 0.1 stable, 0.1–0.25 a moderate shift, above 0.25 shifted.
 *
 * @param reference - the reference sample.
 * @param current - the new sample.
 * @param options - bins and epsilon.
 * @returns the PSI (≥ 0).
 * @example
 * ```ts
 * import { populationStabilityIndex } from '@dl/diagnose';
 * const train = Array.from({ length: 1000 }, (_, i) => i / 1000);
 * populationStabilityIndex(train, train); // 0
 * populationStabilityIndex(train, train.map((v) => v + 0.3)) > 0.25; // true
 * ```
 */
export function populationStabilityIndex(
  reference: ArrayLike<number>,
  current: ArrayLike<number>,
  options?: PopulationStabilityIndexOptions,
): number {
  const fn = 'populationStabilityIndex';
  const { bins, epsilon } = readOptions(options);
  if (typeof bins !== 'number' || !Number.isInteger(bins) || bins < 2)
    throw new RangeError(`${fn}: bins must be an integer >= 2, got ${describe(bins)}`);
  if (typeof epsilon !== 'number' || !(epsilon > 0 && epsilon < 1))
    throw new RangeError(`${fn}: epsilon must be in (0, 1), got ${describe(epsilon)}`);
  for (const [name, s] of [
    ['reference', reference],
    ['current', current],
  ] as const) {
    if (s === null || typeof s !== 'object' || typeof s.length !== 'number' || s.length === 0) {
      throw new TypeError(`${fn}: ${name} must be a non-empty array of numbers, got ${describe(s)}`);
    }
    for (let i = 0; i < s.length; i++) {
      if (!Number.isFinite(s[i]))
        throw new RangeError(`${fn}: ${name}[${i}] must be a finite number, got ${describe(s[i])}`);
    }
  }
  const ref = Float64Array.from(reference).sort();
  const edges: number[] = [];
  for (let k = 1; k < bins; k++)
    edges.push(ref[Math.min(ref.length - 1, Math.floor((k * ref.length) / bins))]!);
  const shares = (s: ArrayLike<number>) => {
    const counts = new Float64Array(bins);
    for (let i = 0; i < s.length; i++) {
      let lo = 0;
      let hi = edges.length;
      while (lo < hi) {
        const mid = (lo + hi) >> 1;
        if (s[i]! < edges[mid]!) hi = mid;
        else lo = mid + 1;
      }
      counts[lo]!++;
    }
    return counts.map((c) => Math.max(c / s.length, epsilon));
  };
  const p = shares(reference);
  const q = shares(current);
  let psi = 0;
  for (let i = 0; i < bins; i++) psi += (q[i]! - p[i]!) * Math.log(q[i]! / p[i]!);
  return psi;
}
