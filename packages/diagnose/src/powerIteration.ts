import { checkInteger, checkOneOf, checkPositive, defineOptions, describe } from '@dl/internal';
import {
  applyOperator,
  checkDimension,
  checkOperator,
  checkSeed,
  dot,
  normalize,
  orthogonalize,
} from './_operator';
import { normals } from './_random';
import type { RitzPair, SymmetricOperator } from './lanczos';

/** Which end of the spectrum {@link powerIteration} looks for. */
export type PowerIterationTarget = 'magnitude' | 'largest' | 'smallest';

/** Options of {@link powerIteration}. */
export interface PowerIterationOptions {
  /** The dimension of the operator (the number of parameters). Required. */
  dimension?: number;
  /**
   * `'magnitude'`: the eigenvalues of largest $|\lambda|$ (plain power iteration, PyHessian's `eigenvalues`);
   * `'largest'`: the algebraically largest; `'smallest'`: the most negative — both by iterating on the shifted
   * operator $H - \sigma I$.
   * @defaultValue 'magnitude'
   */
  which?: PowerIterationTarget;
  /**
   * How many eigenpairs, found one after the other by deflation (each later vector is kept orthogonal to the
   * eigenvectors already found, as PyHessian's `top_n`).
   * @defaultValue 1
   */
  k?: number;
  /**
   * The shift $\sigma$ for `'largest'` / `'smallest'`. It must put the wanted end of the spectrum farthest from
   * $\sigma$: $\sigma \ge \lambda_{\max}$ for `'smallest'`, $\sigma \le \lambda_{\min}$ for `'largest'`.
   * @defaultValue undefined (automatic: $\pm(|\lambda_{\text{dom}}| + r)$ from a first power iteration for the
   * eigenvalue of largest magnitude $\lambda_{\text{dom}}$ and its residual $r$; its products are counted)
   */
  shift?: number;
  /**
   * The most operator products per eigenpair (PyHessian's `maxIter`).
   * @defaultValue 100
   */
  maxIterations?: number;
  /**
   * Stop when the residual $\Vert H v - \theta v\Vert \le \text{tolerance} \cdot \max(|\theta|,
   * \text{absoluteTolerance})$ for the Rayleigh quotient $\theta = v^\top H v$.
   * @defaultValue 1e-3
   */
  tolerance?: number;
  /**
   * The floor of the tolerance's scale, so that eigenvalues near 0 can converge.
   * @defaultValue 1e-6
   */
  absoluteTolerance?: number;
  /**
   * `'residual'`: stop on the residual bound above; `'change'`: stop when the Rayleigh quotient changes by less
   * than $\text{tolerance} \cdot (|\theta| + 10^{-6})$ between two products — PyHessian's rule, cheaper but
   * no bound (the residual is still reported).
   * @defaultValue 'residual'
   */
  stop?: 'residual' | 'change';
  /**
   * Seed of the random start vectors.
   * @defaultValue 0
   */
  seed?: number;
}

/** The result of {@link powerIteration}. */
export interface PowerIterationResult {
  /** The eigenpairs found, in the order found (the first is the most extreme of the `which` end). */
  pairs: RitzPair[];
  /** Operator products used, the automatic shift's included. */
  products: number;
  /** Products spent on each pair (the automatic shift's first run not included). */
  iterations: number[];
  /** Whether every pair met the tolerance within `maxIterations`. */
  converged: boolean;
  /** The shift $\sigma$ used (0 for `'magnitude'`). */
  shift: number;
}

const readOptions = /* @__PURE__ */ defineOptions<PowerIterationOptions>()('powerIteration', {
  dimension: undefined,
  which: 'magnitude',
  k: 1,
  shift: undefined,
  maxIterations: 100,
  tolerance: 1e-3,
  absoluteTolerance: 1e-6,
  stop: 'residual',
  seed: 0,
});

/**
 * Extreme eigenpairs of a symmetric operator by (shifted) power iteration with deflation and residual error
 * bounds — PyHessian's method, made able to find the most negative eigenvalue too.
 *
 * Each step is one product: $w = H v$, the Rayleigh quotient $\theta = v^\top w$ and the residual $r = \Vert w -
 * \theta v\Vert$ (for symmetric $H$ some eigenvalue lies in $[\theta - r, \theta + r]$: the reported bound), then $v
 * \leftarrow (w - \sigma v) / \Vert w - \sigma v\Vert$, kept orthogonal to the eigenvectors already found. It converges
 * at the rate $|\lambda_2 - \sigma| / |\lambda_1 - \sigma|$ per product — slowly when the spectrum's end is not
 * well separated, which is why {@link lanczos} (both ends at once, from one Krylov space) usually needs far fewer
 * products. Plain power iteration (`which: 'magnitude'`) cannot tell a saddle from a minimum: it finds the
 * largest $|\lambda|$ only. With deflation, a later pair's convergence is judged on the deflated operator's
 * residual $\Vert P(w - \theta v)\Vert$ ($P$ projects out the pairs found), while `residual` stays the true one.
 *
 * @param operator - `v => H v`.
 * @param options - see {@link PowerIterationOptions}; `dimension` is required.
 * @returns the eigenpairs with residuals, the products used, whether they converged and the shift.
 * @example
 * ```ts
 * import { powerIteration } from '@dl/diagnose';
 * const H = [3, -1, 0.5]; // diag(3, -1, 0.5): a saddle
 * const op = (v) => v.map((x, i) => H[i] * x);
 * Math.round(powerIteration(op, { dimension: 3 }).pairs[0].value * 1e3) / 1e3; // 3
 * const low = powerIteration(op, { dimension: 3, which: 'smallest', tolerance: 1e-8 });
 * Math.round(low.pairs[0].value * 1e6) / 1e6; // -1
 * ```
 * @see {@link https://github.com/amirgholami/PyHessian | PyHessian} (Yao et al. 2020), `hessian.eigenvalues`.
 */
export function powerIteration(
  operator: SymmetricOperator,
  options: PowerIterationOptions,
): PowerIterationResult {
  const fn = 'powerIteration';
  checkOperator(fn, operator);
  const o = readOptions(options);
  const n = checkDimension(fn, o.dimension);
  const which = checkOneOf(fn, 'which', o.which, ['magnitude', 'largest', 'smallest'] as const);
  const k = checkInteger(fn, 'k', o.k, 1, n);
  const maxIterations = checkInteger(fn, 'maxIterations', o.maxIterations, 1);
  checkPositive(fn, 'tolerance', o.tolerance);
  checkPositive(fn, 'absoluteTolerance', o.absoluteTolerance);
  const seed = checkSeed(fn, o.seed);
  const byChange = checkOneOf(fn, 'stop', o.stop, ['residual', 'change'] as const) === 'change';
  if (o.shift !== undefined && (typeof o.shift !== 'number' || !Number.isFinite(o.shift))) {
    throw new RangeError(`${fn}: shift must be a finite number, got ${describe(o.shift)}`);
  }
  const counter = { products: 0 };
  const rand = normals(seed);
  let shift = 0;
  if (which !== 'magnitude') {
    if (o.shift !== undefined) shift = o.shift;
    else {
      const dom = run(
        fn,
        operator,
        n,
        [],
        0,
        maxIterations,
        o.tolerance,
        o.absoluteTolerance,
        byChange,
        rand,
        counter,
      );
      const bound = Math.abs(dom.pair.value) + dom.pair.residual;
      shift = which === 'smallest' ? bound : -bound;
    }
  }
  const pairs: RitzPair[] = [];
  const iterations: number[] = [];
  let converged = true;
  for (let j = 0; j < k; j++) {
    const before = counter.products;
    const r = run(
      fn,
      operator,
      n,
      pairs.map((p) => p.vector),
      shift,
      maxIterations,
      o.tolerance,
      o.absoluteTolerance,
      byChange,
      rand,
      counter,
    );
    pairs.push(r.pair);
    iterations.push(counter.products - before);
    converged &&= r.converged;
  }
  return { pairs, products: counter.products, iterations, converged, shift };
}

function run(
  fn: string,
  operator: SymmetricOperator,
  n: number,
  found: Float64Array[],
  shift: number,
  maxIterations: number,
  tolerance: number,
  absoluteTolerance: number,
  byChange: boolean,
  rand: () => number,
  counter: { products: number },
): { pair: RitzPair; converged: boolean } {
  let v: Float64Array = new Float64Array(n);
  for (let i = 0; i < n; i++) v[i] = rand();
  orthogonalize(v, found);
  normalize(v);
  let pair: RitzPair = { value: Number.NaN, residual: Number.POSITIVE_INFINITY, vector: v };
  let previous = Number.NaN;
  for (let it = 0; it < maxIterations; it++) {
    const w = applyOperator(fn, operator, v, ++counter.products);
    const theta = dot(v, w);
    const r = new Float64Array(n);
    for (let i = 0; i < n; i++) r[i] = w[i]! - theta * v[i]!;
    const residual = Math.sqrt(dot(r, r));
    pair = { value: theta, residual, vector: v };
    // converged on the deflated operator's residual (the true one cannot fall below the error left in the
    // eigenvectors already found); the reported residual is the true, rigorous one
    if (byChange) {
      if (Math.abs(theta - previous) < tolerance * (Math.abs(theta) + 1e-6)) return { pair, converged: true };
      previous = theta;
    } else {
      if (found.length > 0) orthogonalize(r, found);
      if (Math.sqrt(dot(r, r)) <= tolerance * Math.max(Math.abs(theta), absoluteTolerance)) {
        return { pair, converged: true };
      }
    }
    for (let i = 0; i < n; i++) w[i]! -= shift * v[i]!;
    orthogonalize(w, found);
    if (!(normalize(w) > 0)) return { pair, converged: residual === 0 };
    v = w;
  }
  return { pair, converged: false };
}
