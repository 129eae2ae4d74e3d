import { checkInteger, defineOptions, describe } from '@dl/internal';
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
import type { SymmetricOperator } from './lanczos';

/** Options of {@link hutchinsonTrace}. */
export interface HutchinsonTraceOptions {
  /** The dimension of the operator (the number of parameters). Required. */
  dimension?: number;
  /**
   * The most probe vectors (one operator product each; PyHessian's `maxIter`).
   * @defaultValue 100
   */
  samples?: number;
  /**
   * Stop early, after at least 10 probes, once the standard error is at most this fraction of $|\widehat{\operatorname{tr}}|$.
   * @defaultValue undefined (use every probe)
   */
  relativeError?: number;
  /**
   * Seed of the Rademacher probes.
   * @defaultValue 0
   */
  seed?: number;
}

/** A trace estimate with its error (see {@link hutchinsonTrace} and {@link hutchPlusPlusTrace}). */
export interface TraceEstimate {
  /** The estimate of $\operatorname{tr} H$. */
  estimate: number;
  /**
   * The estimated standard error of `estimate` (sample standard deviation of the probes' values over the square
   * root of their number): about 68 % of runs land within one, 95 % within two.
   */
  standardError: number;
  /** Operator products used. */
  products: number;
  /** Each random probe's value $z^\top H z$ (for Hutch++: of the residual part). */
  samples: Float64Array;
}

const readOptions = /* @__PURE__ */ defineOptions<HutchinsonTraceOptions>()('hutchinsonTrace', {
  dimension: undefined,
  samples: 100,
  relativeError: undefined,
  seed: 0,
});

/**
 * The trace of a symmetric operator (the sum of the Hessian's eigenvalues) from products alone, by Hutchinson's
 * estimator with Rademacher probes $z$ (entries $\pm 1$):
 * $$\widehat{\operatorname{tr}} = \frac1m \sum_{j=1}^m z_j^\top H z_j, \qquad
 * \operatorname{Var}[z^\top H z] = 2\Bigl(\Vert H\Vert_F^2 - \sum_i H_{ii}^2\Bigr).$$
 * The reported standard error is the probes' sample standard deviation over $\sqrt m$. For the same products,
 * {@link hutchPlusPlusTrace} is usually far more accurate on Hessians, whose few large eigenvalues dominate the
 * variance.
 *
 * @param operator - `v => H v`.
 * @param options - see {@link HutchinsonTraceOptions}; `dimension` is required.
 * @returns the estimate, its standard error, the products and the probes' values.
 * @example
 * ```ts
 * import { hutchinsonTrace } from '@dl/diagnose';
 * // H = diag(1, 2, 3, 4): z^T H z = 10 for every Rademacher z
 * const t = hutchinsonTrace((v) => v.map((x, i) => (i + 1) * x), { dimension: 4, samples: 20 });
 * t.estimate; // 10
 * t.standardError; // 0
 * ```
 * @see M. F. Hutchinson (1990), "A stochastic estimator of the trace of the influence matrix for Laplacian
 * smoothing splines"; PyHessian's `hessian.trace`.
 */
export function hutchinsonTrace(operator: SymmetricOperator, options: HutchinsonTraceOptions): TraceEstimate {
  const fn = 'hutchinsonTrace';
  checkOperator(fn, operator);
  const o = readOptions(options);
  const n = checkDimension(fn, o.dimension);
  const m = checkInteger(fn, 'samples', o.samples, 1);
  if (o.relativeError !== undefined && !(typeof o.relativeError === 'number' && o.relativeError > 0)) {
    throw new RangeError(`${fn}: relativeError must be a number > 0, got ${describe(o.relativeError)}`);
  }
  const uniform = uniforms(checkSeed(fn, o.seed));
  const values: number[] = [];
  let sum = 0;
  for (let j = 0; j < m; j++) {
    const z = rademacher(n, uniform);
    const value = dot(z, applyOperator(fn, operator, z, j + 1));
    values.push(value);
    sum += value;
    if (o.relativeError !== undefined && values.length >= 10) {
      const se = standardError(values);
      if (se <= o.relativeError * Math.abs(sum / values.length)) break;
    }
  }
  return {
    estimate: sum / values.length,
    standardError: standardError(values),
    products: values.length,
    samples: Float64Array.from(values),
  };
}
