import { defineOptions, describe } from '@dl/internal';
import { norm2 } from './_stats';
import { finiteDifferenceHvp, type GradientFunction } from './finiteDifferenceHvp';
import { type LanczosOptions, lanczos, type RitzPair, type SymmetricOperator } from './lanczos';

/** What {@link analyzeCriticalPoint} concludes about a point. */
export type CriticalPointKind =
  | 'local-minimum'
  | 'saddle'
  | 'local-maximum'
  | 'flat'
  | 'not-critical'
  | 'inconclusive';

/** Options of {@link analyzeCriticalPoint}. */
export interface AnalyzeCriticalPointOptions {
  /** `x => ∇f(x)` (any framework). Required. */
  gradient?: GradientFunction;
  /** The point. Required. */
  point?: ArrayLike<number>;
  /**
   * `v => H v` at the point, exact (e.g. by double backward); without it, central differences of `gradient`
   * ({@link finiteDifferenceHvp}).
   * @defaultValue undefined
   */
  hvp?: SymmetricOperator;
  /**
   * `x => f(x)`, for the line search along a saddle's escape direction.
   * @defaultValue undefined
   */
  loss?: (x: Float64Array) => number;
  /**
   * The point is critical when $\Vert\nabla f\Vert \le$ this.
   * @defaultValue 1e-3
   */
  gradientTolerance?: number;
  /**
   * An eigenvalue counts as non-zero when it is farther than its residual plus this times the largest
   * magnitude from 0 (and than `1e-8`).
   * @defaultValue 1e-4
   */
  eigenTolerance?: number;
  /**
   * Step lengths $\alpha$ along the unit escape direction for the line search.
   * @defaultValue [0.001, 0.01, 0.1, 1]
   */
  steps?: readonly number[];
  /**
   * Options passed to {@link lanczos} (`dimension` is the point's length).
   * @defaultValue {}
   */
  lanczos?: Omit<LanczosOptions, 'dimension'>;
}

/** One step of the escape line search: the loss change predicted by the Taylor expansion and the one measured. */
export interface EscapeStep {
  /** The step length along the unit direction. */
  alpha: number;
  /** $\tfrac12 \lambda_{\min} \alpha^2$ (negative: a drop). */
  predicted: number;
  /** $f(x + \alpha u) - f(x)$, along the sign of $u$ that lowers the loss more. */
  measured: number;
}

/** The result of {@link analyzeCriticalPoint}. */
export interface CriticalPointAnalysis {
  /** The conclusion. */
  kind: CriticalPointKind;
  /** Why, in one sentence with the numbers. */
  reason: string;
  /** $\Vert\nabla f(x)\Vert$. */
  gradientNorm: number;
  /** The largest Hessian eigenvalue estimate with its error bound. */
  largest: RitzPair;
  /** The smallest (most negative) Hessian eigenvalue estimate with its error bound. */
  smallest: RitzPair;
  /** Hessian-vector products used. */
  products: number;
  /** For a saddle: the unit direction of negative curvature and the line search along it. */
  escape: EscapeRoute | null;
}

/** A saddle's way out (see {@link CriticalPointAnalysis.escape}). */
export interface EscapeRoute {
  /** The unit eigenvector of the most negative eigenvalue (its sign is arbitrary). */
  direction: Float64Array;
  /** The line search along it (empty without a `loss` function). */
  steps: EscapeStep[];
}

const readOptions = /* @__PURE__ */ defineOptions<AnalyzeCriticalPointOptions>()('analyzeCriticalPoint', {
  gradient: undefined,
  point: undefined,
  hvp: undefined,
  loss: undefined,
  gradientTolerance: 1e-3,
  eigenTolerance: 1e-4,
  steps: [0.001, 0.01, 0.1, 1],
  lanczos: {},
});

/**
 * Is training stuck at a local minimum or at a saddle point? The notes' answer, computed: near a critical point
 * $f(x + d) \approx f(x) + \tfrac12 d^\top H d$, so the Hessian's eigenvalues decide — all positive: a local
 * minimum; some negative: a saddle, and moving along an eigenvector $u$ of a negative eigenvalue $\lambda$ lowers
 * the loss by about $\tfrac12 |\lambda| \alpha^2$.
 *
 * The largest and the most negative eigenvalues come from {@link lanczos} (exact products from `hvp`, or central
 * differences of `gradient`), each with a residual error bound; the classification only trusts an eigenvalue's
 * sign when it is farther from 0 than its bound. For a saddle, a line search along $\pm u$ puts the measured loss
 * change beside the predicted $\tfrac12 \lambda \alpha^2$.
 *
 * @param options - gradient and point (required), hvp, loss, tolerances, steps; see {@link AnalyzeCriticalPointOptions}.
 * @returns the {@link CriticalPointAnalysis}.
 * @example
 * ```ts
 * import { analyzeCriticalPoint } from '@dl/diagnose';
 * // f(x, y) = x^2 - y^2 at the origin: a saddle, escape along y
 * const a = analyzeCriticalPoint({
 *   point: [0, 0],
 *   gradient: (p) => [2 * p[0], -2 * p[1]],
 *   loss: (p) => p[0] ** 2 - p[1] ** 2,
 * });
 * a.kind; // 'saddle'
 * Math.abs(a.escape.direction[1]); // 1
 * a.escape.steps[3]; // { alpha: 1, predicted: -1, measured: -1 }
 * ```
 */
export function analyzeCriticalPoint(options: AnalyzeCriticalPointOptions): CriticalPointAnalysis {
  const fn = 'analyzeCriticalPoint';
  const o = readOptions(options);
  if (typeof o.gradient !== 'function')
    throw new TypeError(`${fn}: gradient must be a function x => ∇f(x), got ${describe(o.gradient)}`);
  const { point } = o;
  if (
    point === undefined ||
    point === null ||
    typeof point !== 'object' ||
    typeof point.length !== 'number' ||
    point.length === 0
  ) {
    throw new TypeError(`${fn}: point must be a non-empty array of numbers, got ${describe(point)}`);
  }
  for (const key of ['hvp', 'loss'] as const) {
    if (o[key] !== undefined && typeof o[key] !== 'function') {
      throw new TypeError(`${fn}: ${key} must be a function, got ${describe(o[key])}`);
    }
  }
  if (
    !Array.isArray(o.steps) ||
    o.steps.some((s) => typeof s !== 'number' || !(s > 0) || !Number.isFinite(s))
  ) {
    throw new RangeError(`${fn}: steps must be an array of finite numbers > 0, got ${describe(o.steps)}`);
  }
  const x = Float64Array.from(point as ArrayLike<number>);
  const n = x.length;
  const g = o.gradient(x);
  if (g === null || typeof g !== 'object' || g.length !== n) {
    throw new RangeError(`${fn}: gradient must return ${n} numbers (the point's length), got ${describe(g)}`);
  }
  const gradientNorm = norm2(g);
  const operator = o.hvp ?? finiteDifferenceHvp(o.gradient, x);
  const r = lanczos(operator, { k: 1, ...o.lanczos, dimension: n });
  const largest = r.largest[0]!;
  const smallest = r.smallest[0]!;
  const scale = Math.max(Math.abs(largest.value), Math.abs(smallest.value));
  const tau = (pair: RitzPair) => pair.residual + Math.max(o.eigenTolerance * scale, 1e-8);
  const minPos = smallest.value > tau(smallest);
  const minNeg = smallest.value < -tau(smallest);
  const maxPos = largest.value > tau(largest);
  const maxNeg = largest.value < -tau(largest);
  const nums = `λmin = ${fmt(smallest.value)} ± ${fmt(smallest.residual)}, λmax = ${fmt(largest.value)} ± ${fmt(largest.residual)}`;
  let kind: CriticalPointKind;
  let reason: string;
  if (!r.converged) {
    kind = 'inconclusive';
    reason = `Lanczos did not reach the tolerance within ${r.products} Hessian-vector products (${nums}); raise lanczos.maxIterations`;
  } else if (gradientNorm > o.gradientTolerance) {
    kind = 'not-critical';
    reason = `the gradient norm ${fmt(gradientNorm)} exceeds ${o.gradientTolerance}: not a critical point (${nums})`;
  } else if (minPos) {
    kind = 'local-minimum';
    reason = `every eigenvalue is positive (${nums})`;
  } else if (minNeg && maxPos) {
    kind = 'saddle';
    reason = `eigenvalues of both signs (${nums}): a saddle point, escape along the eigenvector of λmin`;
  } else if (maxNeg) {
    kind = 'local-maximum';
    reason = `every eigenvalue is negative (${nums})`;
  } else if (!minNeg && !maxPos) {
    kind = 'flat';
    reason = `every eigenvalue is within tolerance of 0 (${nums}): flat to second order`;
  } else {
    kind = 'inconclusive';
    reason = `the Hessian is semi-definite with eigenvalues near 0 (${nums}): higher-order terms decide`;
  }
  let escapeRoute: CriticalPointAnalysis['escape'] = null;
  if (kind === 'saddle') {
    const u = smallest.vector;
    const steps: EscapeStep[] = [];
    if (o.loss !== undefined) {
      const f0 = o.loss(x);
      const y = new Float64Array(n);
      for (const alpha of o.steps) {
        let best = Number.POSITIVE_INFINITY;
        for (const sign of [1, -1]) {
          for (let i = 0; i < n; i++) y[i] = x[i]! + sign * alpha * u[i]!;
          best = Math.min(best, o.loss(y) - f0);
        }
        steps.push({ alpha, predicted: 0.5 * smallest.value * alpha * alpha, measured: best });
      }
    }
    escapeRoute = { direction: u, steps };
  }
  return { kind, reason, gradientNorm, largest, smallest, products: r.products, escape: escapeRoute };
}

function fmt(x: number): string {
  return Number(x.toPrecision(4)).toString();
}
