import { describe } from '@dl/internal';

/** The result of {@link ksTwoSample}. */
export interface KsResult {
  /** $D = \sup_x |F_a(x) - F_b(x)|$, the largest gap between the two empirical CDFs. */
  statistic: number;
  /** The asymptotic two-sided p-value $Q_{KS}(\sqrt{nm/(n+m)}\,D)$ (Kolmogorov's limit distribution). */
  pvalue: number;
}

/** Kolmogorov's survival function $Q(\lambda) = P(K > \lambda) = 2\sum_{k\ge1}(-1)^{k-1}e^{-2k^2\lambda^2}$. */
function kolmogorovSf(lambda: number): number {
  if (lambda <= 0) return 1;
  if (lambda < 1.18) {
    // the theta-function form converges fast for small lambda: P(K <= l) = sqrt(2 pi)/l sum e^{-(2k-1)^2 pi^2/(8 l^2)}
    const w = Math.PI ** 2 / (8 * lambda * lambda);
    let s = 0;
    for (let k = 1; k <= 50; k++) {
      const t = Math.exp(-((2 * k - 1) ** 2) * w);
      s += t;
      if (t < 1e-17 * s) break;
    }
    return 1 - (Math.sqrt(2 * Math.PI) / lambda) * s;
  }
  let s = 0;
  for (let k = 1; k <= 100; k++) {
    const t = Math.exp(-2 * k * k * lambda * lambda);
    s += (k % 2 === 1 ? 1 : -1) * t;
    if (t < 1e-17) break;
  }
  return Math.min(1, Math.max(0, 2 * s));
}

function sample(fn: string, name: string, x: unknown): Float64Array {
  if (
    x === null ||
    typeof x !== 'object' ||
    typeof (x as ArrayLike<number>).length !== 'number' ||
    (x as ArrayLike<number>).length === 0
  ) {
    throw new TypeError(`${fn}: ${name} must be a non-empty array of numbers, got ${describe(x)}`);
  }
  const a = Float64Array.from(x as ArrayLike<number>);
  const bad = a.findIndex((v) => !Number.isFinite(v));
  if (bad >= 0)
    throw new RangeError(
      `${fn}: ${name}[${bad}] must be a finite number, got ${describe((x as ArrayLike<number>)[bad])}`,
    );
  return a.sort();
}

/**
 * The two-sample Kolmogorov–Smirnov test: do `a` and `b` come from the same distribution? The statistic is
 * scipy's `ks_2samp` statistic exactly (ties handled); the p-value is the asymptotic one from Kolmogorov's limit
 * distribution, $Q_{KS}(\sqrt{nm/(n+m)}\,D)$ — accurate for samples of a few dozen and more.
 *
 * @param a - the first sample (e.g. a feature in the training data).
 * @param b - the second sample (the same feature in the test data).
 * @returns the statistic and the p-value.
 * @example
 * ```ts
 * import { ksTwoSample } from '@dl/diagnose';
 * ksTwoSample([1, 2, 3, 4], [3, 4, 5, 6]).statistic; // 0.5
 * ```
 * @see {@link https://docs.scipy.org/doc/scipy-1.10.1/reference/generated/scipy.stats.ks_2samp.html | scipy.stats.ks_2samp}
 */
export function ksTwoSample(a: ArrayLike<number>, b: ArrayLike<number>): KsResult {
  const fn = 'ksTwoSample';
  const x = sample(fn, 'a', a);
  const y = sample(fn, 'b', b);
  const n = x.length;
  const m = y.length;
  let i = 0;
  let j = 0;
  let gap = 0; // max |i m - j n|: the CDF gap times n m, in exact integers
  while (i < n && j < m) {
    const v = Math.min(x[i]!, y[j]!);
    while (i < n && x[i]! <= v) i++;
    while (j < m && y[j]! <= v) j++;
    gap = Math.max(gap, Math.abs(i * m - j * n));
  }
  const d = gap / (n * m); // one rounding: the exact fraction, correctly rounded
  return { statistic: d, pvalue: kolmogorovSf(Math.sqrt((n * m) / (n + m)) * d) };
}
