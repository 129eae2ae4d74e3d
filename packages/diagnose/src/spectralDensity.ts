import { checkInteger, defineOptions, describe } from '@dl/internal';
import {
  checkDimension,
  checkOperator,
  checkSeed,
  lanczosTridiagonal,
  rademacher,
  uniforms,
} from './_operator';
import { tridiagonalEigen } from './_tridiagonalEigen';
import type { SymmetricOperator } from './lanczos';

/** Options of {@link spectralDensity}. */
export interface SpectralDensityOptions {
  /** The dimension of the operator (the number of parameters). Required. */
  dimension?: number;
  /**
   * Lanczos steps per run (PyHessian's `iter`): the quadrature has this many nodes and is exact for polynomials
   * of degree up to twice this minus one.
   * @defaultValue 100
   */
  iterations?: number;
  /**
   * Independent runs (random start vectors) averaged (PyHessian's `n_v`).
   * @defaultValue 1
   */
  runs?: number;
  /**
   * The standard deviation $\sigma$ of the Gaussian that broadens each node.
   * @defaultValue undefined (1 % of the nodes' range, at least 1e-6)
   */
  broadening?: number;
  /**
   * The number of grid points at which the density is evaluated.
   * @defaultValue 512
   */
  gridSize?: number;
  /**
   * Seed of the Rademacher start vectors.
   * @defaultValue 0
   */
  seed?: number;
}

/** One run's Gauss quadrature of the spectral measure (see {@link spectralDensity}). */
export interface QuadratureNodes {
  /** The Ritz values $\theta_i$ (ascending). */
  values: Float64Array;
  /** Their weights $\tau_i$ (non-negative, summing to 1). */
  weights: Float64Array;
}

/** The result of {@link spectralDensity}: the eigenvalue density as data. */
export interface SpectralDensity {
  /** The grid of eigenvalues $t$ (ascending, evenly spaced, 5σ beyond the extreme nodes). */
  grid: Float64Array;
  /** The density $\hat\phi(t)$ at each grid point (it integrates to 1). */
  density: Float64Array;
  /** Each run's quadrature nodes and weights. */
  nodes: QuadratureNodes[];
  /** The broadening $\sigma$ used. */
  broadening: number;
  /** Operator products used. */
  products: number;
}

const readOptions = /* @__PURE__ */ defineOptions<SpectralDensityOptions>()('spectralDensity', {
  dimension: undefined,
  iterations: 100,
  runs: 1,
  broadening: undefined,
  gridSize: 512,
  seed: 0,
});

/**
 * The Hessian's eigenvalue density by stochastic Lanczos quadrature (Ghorbani, Krishnan & Xiao 2019; PyHessian's
 * `density`): the whole spectrum's shape — bulk near 0, outliers, negative mass — from a few hundred products.
 *
 * The density $\phi(t) = \frac1n \sum_i \delta(t - \lambda_i)$ is smoothed by a Gaussian $g_\sigma$. For a unit
 * start vector $v = z/\sqrt n$ ($z$ Rademacher), $v^\top f(H) v$ is an unbiased estimate of $\frac1n
 * \operatorname{tr} f(H)$, and $m$ Lanczos steps turn it into a Gauss quadrature: with $T_m = S \Theta
 * S^\top$, nodes $\theta_i$ and weights $\tau_i = S_{1i}^2$,
 * $$\hat\phi_\sigma(t) = \frac1{n_v} \sum_{\text{runs}} \sum_{i=1}^m \tau_i\, g_\sigma(t - \theta_i), \qquad
 * g_\sigma(x) = \frac{e^{-x^2/2\sigma^2}}{\sigma\sqrt{2\pi}}.$$
 * The moments are exact for the start vector: $\sum_i \tau_i \theta_i^k = v^\top H^k v$ for $k < 2m$.
 * Lanczos runs with full reorthogonalization (no ghost eigenvalues).
 *
 * @param operator - `v => H v`.
 * @param options - see {@link SpectralDensityOptions}; `dimension` is required.
 * @returns the grid, the density, the quadrature nodes, the broadening and the products used.
 * @example
 * ```ts
 * import { spectralDensity } from '@dl/diagnose';
 * // H = diag(1, 1, 1, 5): mass 3/4 near 1 and 1/4 near 5
 * const d = spectralDensity((v) => v.map((x, i) => (i === 3 ? 5 : 1) * x), { dimension: 4 });
 * d.nodes[0].values.length; // 2
 * Math.round(d.nodes[0].weights[0] * 1e9) / 1e9; // 0.75
 * ```
 * @see {@link https://arxiv.org/abs/1901.10159 | B. Ghorbani, S. Krishnan, Y. Xiao (2019), "An Investigation into Neural Net Optimization via Hessian Eigenvalue Density"}; PyHessian's `hessian.density`.
 */
export function spectralDensity(
  operator: SymmetricOperator,
  options: SpectralDensityOptions,
): SpectralDensity {
  const fn = 'spectralDensity';
  checkOperator(fn, operator);
  const o = readOptions(options);
  const n = checkDimension(fn, o.dimension);
  const steps = Math.min(checkInteger(fn, 'iterations', o.iterations, 1), n);
  const runs = checkInteger(fn, 'runs', o.runs, 1);
  const gridSize = checkInteger(fn, 'gridSize', o.gridSize, 2);
  if (
    o.broadening !== undefined &&
    !(typeof o.broadening === 'number' && o.broadening > 0 && Number.isFinite(o.broadening))
  ) {
    throw new RangeError(`${fn}: broadening must be a finite number > 0, got ${describe(o.broadening)}`);
  }
  const uniform = uniforms(checkSeed(fn, o.seed));
  const counter = { products: 0 };
  const nodes: QuadratureNodes[] = [];
  let lo = Number.POSITIVE_INFINITY;
  let hi = Number.NEGATIVE_INFINITY;
  for (let run = 0; run < runs; run++) {
    const v = rademacher(n, uniform);
    const s = 1 / Math.sqrt(n);
    for (let i = 0; i < n; i++) v[i]! *= s;
    const { alpha, beta } = lanczosTridiagonal(fn, operator, v, steps, counter);
    const eig = tridiagonalEigen(alpha, beta, [0]);
    const size = alpha.length;
    const weights = new Float64Array(size);
    for (let i = 0; i < size; i++) weights[i] = eig.vectors[i]! ** 2;
    nodes.push({ values: eig.values, weights });
    lo = Math.min(lo, eig.values[0]!);
    hi = Math.max(hi, eig.values[size - 1]!);
  }
  const sigma = o.broadening ?? Math.max(0.01 * (hi - lo), 1e-6);
  const from = lo - 5 * sigma;
  const to = hi + 5 * sigma;
  const grid = new Float64Array(gridSize);
  const density = new Float64Array(gridSize);
  const c = 1 / (sigma * Math.sqrt(2 * Math.PI) * runs);
  for (let g = 0; g < gridSize; g++) {
    const t = from + ((to - from) * g) / (gridSize - 1);
    grid[g] = t;
    let sum = 0;
    for (const { values, weights } of nodes) {
      for (let i = 0; i < values.length; i++) {
        const x = (t - values[i]!) / sigma;
        if (x < 9 && x > -9) sum += weights[i]! * Math.exp(-0.5 * x * x);
      }
    }
    density[g] = c * sum;
  }
  return { grid, density, nodes, broadening: sigma, products: counter.products };
}
