import { checkInteger, defineOptions } from '@dl/internal';
import {
  applyOperator,
  checkDimension,
  checkOperator,
  checkSeed,
  dot,
  rademacher,
  standardError,
  uniforms,
} from './_operator';
import type { TraceEstimate } from './hutchinsonTrace';
import type { SymmetricOperator } from './lanczos';

/** Options of {@link hutchPlusPlusTrace}. */
export interface HutchPlusPlusTraceOptions {
  /** The dimension of the operator (the number of parameters). Required. */
  dimension?: number;
  /**
   * The operator products to spend, $m \ge 3$: a third sketch the top of the spectrum, a third measure its trace
   * exactly, the rest are Hutchinson probes of what is left.
   * @defaultValue 99
   */
  products?: number;
  /**
   * Seed of the Rademacher sketch and probes.
   * @defaultValue 0
   */
  seed?: number;
}

/** The result of {@link hutchPlusPlusTrace}: a {@link TraceEstimate} with its two parts. */
export interface HutchPlusPlusEstimate extends TraceEstimate {
  /** $\operatorname{tr}(Q^\top H Q)$: the exact trace on the sketched subspace. */
  lowRankPart: number;
  /** The rank of the sketch $Q$ (its column count after dropping dependent columns). */
  rank: number;
}

const readOptions = /* @__PURE__ */ defineOptions<HutchPlusPlusTraceOptions>()('hutchPlusPlusTrace', {
  dimension: undefined,
  products: 99,
  seed: 0,
});

/**
 * The trace of a symmetric operator by Hutch++ (Meyer, Musco, Musco & Woodruff 2021): the top of the spectrum is
 * captured by a sketch and counted exactly, and Hutchinson's estimator only sees the rest. With $m$ products,
 * $s = \lfloor m/3 \rfloor$ Rademacher columns $S$, $Q = \operatorname{orth}(H S)$ and $m - s -
 * \operatorname{rank} Q$ Rademacher probes $z_j$:
 * $$\widehat{\operatorname{tr}} = \operatorname{tr}(Q^\top H Q) + \frac1{p}\sum_{j=1}^{p} z_j^\top (I - QQ^\top)
 * H (I - QQ^\top) z_j.$$
 * Its error falls like $1/m$ instead of Hutchinson's $1/\sqrt m$ when the spectrum decays, as a Hessian's does;
 * it is exact when $\operatorname{rank} H \le s$. The standard error is that of the residual probes.
 *
 * Memory: $2s$ vectors of `dimension` float64s.
 *
 * @param operator - `v => H v`.
 * @param options - see {@link HutchPlusPlusTraceOptions}; `dimension` is required.
 * @returns the estimate, its standard error, the products, the probes' values and the low-rank part.
 * @example
 * ```ts
 * import { hutchPlusPlusTrace } from '@dl/diagnose';
 * // H = u u^T with u = (1, 2, 3): rank one, tr H = 14, found exactly by the sketch
 * const u = [1, 2, 3];
 * const op = (v) => { const c = v[0] + 2 * v[1] + 3 * v[2]; return u.map((x) => c * x); };
 * Math.round(hutchPlusPlusTrace(op, { dimension: 3, products: 9 }).estimate * 1e9) / 1e9; // 14
 * ```
 * @see {@link https://doi.org/10.1137/1.9781611976496.16 | R. A. Meyer, C. Musco, C. Musco, D. P. Woodruff (2021), "Hutch++: Optimal Stochastic Trace Estimation"}.
 */
export function hutchPlusPlusTrace(
  operator: SymmetricOperator,
  options: HutchPlusPlusTraceOptions,
): HutchPlusPlusEstimate {
  const fn = 'hutchPlusPlusTrace';
  checkOperator(fn, operator);
  const o = readOptions(options);
  const n = checkDimension(fn, o.dimension);
  const m = checkInteger(fn, 'products', o.products, 3);
  const uniform = uniforms(checkSeed(fn, o.seed));
  let products = 0;
  const sketch = Math.min(Math.floor(m / 3), n);
  // Q = orth(H S): modified Gram-Schmidt twice, dependent columns dropped
  const Q: Float64Array[] = [];
  const Y: Float64Array[] = [];
  let scale = 0;
  for (let j = 0; j < sketch; j++) {
    const y = applyOperator(fn, operator, rademacher(n, uniform), ++products);
    scale = Math.max(scale, Math.sqrt(dot(y, y)));
    Y.push(y);
  }
  for (const y of Y) {
    for (let pass = 0; pass < 2; pass++) {
      for (const q of Q) {
        const c = dot(q, y);
        for (let i = 0; i < n; i++) y[i]! -= c * q[i]!;
      }
    }
    const norm = Math.sqrt(dot(y, y));
    if (norm > 1e-10 * scale && norm > 0) {
      for (let i = 0; i < n; i++) y[i]! /= norm;
      Q.push(y);
    }
  }
  let lowRankPart = 0;
  for (const q of Q) lowRankPart += dot(q, applyOperator(fn, operator, q, ++products));
  const values: number[] = [];
  if (Q.length < n) {
    const probes = Math.max(m - products, 1);
    for (let j = 0; j < probes; j++) {
      const z = rademacher(n, uniform);
      for (const q of Q) {
        const c = dot(q, z);
        for (let i = 0; i < n; i++) z[i]! -= c * q[i]!;
      }
      values.push(dot(z, applyOperator(fn, operator, z, ++products)));
    }
  }
  let residualPart = 0;
  for (const v of values) residualPart += v;
  if (values.length > 0) residualPart /= values.length;
  return {
    estimate: lowRankPart + residualPart,
    standardError: standardError(values),
    products,
    samples: Float64Array.from(values),
    lowRankPart,
    rank: Q.length,
  };
}
