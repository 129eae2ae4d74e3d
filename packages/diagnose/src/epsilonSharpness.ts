import { badArgument, checkInteger, checkPositive, defineOptions, describe } from '@dl/internal';
import { checkSeed, uniforms } from './_operator';
import type { GradientFunction } from './finiteDifferenceHvp';

/** Options of {@link epsilonSharpness}. */
export interface EpsilonSharpnessOptions {
  /** `x => f(x)`: the loss at a parameter vector (any framework). Required. */
  loss?: (x: Float64Array) => number;
  /** `x => ∇f(x)` for the ascent. Required. */
  gradient?: GradientFunction;
  /** The point (a minimum found by training). Required. */
  point?: ArrayLike<number>;
  /**
   * The box's relative size $\varepsilon$: coordinate $i$ may move by $\varepsilon(|x_i| + 1)$ (Keskar et al.
   * use $10^{-3}$ and $5 \cdot 10^{-4}$).
   * @defaultValue 1e-3
   */
  epsilon?: number;
  /**
   * Projected gradient-ascent steps.
   * @defaultValue 20
   */
  steps?: number;
  /**
   * The step of each ascent move, as a fraction of each coordinate's half-width (a signed-gradient step,
   * clipped to the box).
   * @defaultValue 0.25
   */
  stepFraction?: number;
  /**
   * Seed of the random start inside the box (at an exact minimum the gradient vanishes, so the ascent starts
   * from a uniform random point of the box, like PGD).
   * @defaultValue 0
   */
  seed?: number;
}

/** The result of {@link epsilonSharpness}. */
export interface EpsilonSharpness {
  /** Keskar et al.'s $\phi_{x,f}(\varepsilon)$: the largest loss increase found, in % of $1 + f(x)$. */
  sharpness: number;
  /** $\max_{y \in C_\varepsilon} f(x + y) - f(x)$ found by the ascent. */
  maxIncrease: number;
  /** $f(x)$. */
  loss: number;
  /** The maximizing perturbation $y$ found. */
  perturbation: Float64Array;
  /** Loss and gradient evaluations used. */
  evaluations: number;
}

const readOptions = /* @__PURE__ */ defineOptions<EpsilonSharpnessOptions>()(
  'epsilonSharpness',
  {
    loss: undefined,
    gradient: undefined,
    point: undefined,
    epsilon: 1e-3,
    steps: 20,
    stepFraction: 0.25,
    seed: 0,
  },
  { required: true },
);

/**
 * The ε-sharpness of a minimum (Keskar, Mudigere, Nocedal, Smelyanskiy & Tang 2017): how much the loss can rise
 * within a small box around the point, relative to the loss. The notes' small-batch-vs-large-batch question —
 * large batches tend to land in sharper minima, which generalize worse.
 * $$C_\varepsilon = \lbrace y : |y_i| \le \varepsilon (|x_i| + 1) \rbrace, \qquad
 * \phi_{x,f}(\varepsilon) = \frac{\max_{y \in C_\varepsilon} f(x + y) - f(x)}{1 + f(x)} \times 100.$$
 * Keskar et al. maximize with L-BFGS-B; here projected gradient ascent with signed-gradient steps (the box is a
 * product of intervals, so the sign step is its steepest ascent), from a seeded random point of the box,
 * searches it and the best point seen is kept. It is a lower bound of the true maximum: more `steps` can only raise it. Compare it with the top Hessian
 * eigenvalue ({@link lanczos}), the other common sharpness measure.
 *
 * @param options - loss, gradient and point (required), epsilon, steps, stepFraction.
 * @returns the sharpness in %, the loss increase, the loss, the perturbation and the evaluations used.
 * @example
 * ```ts
 * import { epsilonSharpness } from '@dl/diagnose';
 * // f = 50 x^2 + 0.5 y^2 at its minimum: the corner (±0.001, ±0.001) of the box gives 50.5e-6
 * const s = epsilonSharpness({
 *   point: [0, 0],
 *   loss: (p) => 50 * p[0] ** 2 + 0.5 * p[1] ** 2,
 *   gradient: (p) => [100 * p[0], p[1]],
 * });
 * Math.round(s.maxIncrease * 1e10) / 1e10; // 0.0000505
 * ```
 * @see {@link https://arxiv.org/abs/1609.04836 | N. S. Keskar et al. (2017), "On Large-Batch Training for Deep Learning: Generalization Gap and Sharp Minima"}, metric 2.1.
 */
export function epsilonSharpness(options: EpsilonSharpnessOptions): EpsilonSharpness {
  const fn = 'epsilonSharpness';
  const o = readOptions(options);
  if (typeof o.loss !== 'function') throw badArgument(fn, 'loss', 'a function x => f(x)', o.loss);
  if (typeof o.gradient !== 'function')
    throw badArgument(fn, 'gradient', 'a function x => ∇f(x)', o.gradient);
  const { point } = o;
  if (point === null || typeof point !== 'object' || typeof point.length !== 'number' || point.length === 0) {
    throw badArgument(fn, 'point', 'a non-empty array of numbers', point);
  }
  const epsilon = checkPositive(fn, 'epsilon', o.epsilon);
  const steps = checkInteger(fn, 'steps', o.steps, 0);
  const stepFraction = checkPositive(fn, 'stepFraction', o.stepFraction);
  const x = Float64Array.from(point as ArrayLike<number>);
  const n = x.length;
  for (let i = 0; i < n; i++) {
    if (!Number.isFinite(x[i]!))
      throw new RangeError(`${fn}: point[${i}] must be finite, got ${describe(x[i])}`);
  }
  const evaluate = (at: Float64Array): number => {
    const v = o.loss!(at);
    if (typeof v !== 'number' || Number.isNaN(v)) {
      throw new TypeError(`${fn}: loss must return a number, got ${describe(v)}`);
    }
    return v;
  };
  const f0 = evaluate(x);
  const half = Float64Array.from(x, (v) => epsilon * (Math.abs(v) + 1));
  const uniform = uniforms(checkSeed(fn, o.seed));
  const y = Float64Array.from(half, (h) => (2 * uniform() - 1) * h);
  const at = new Float64Array(n);
  for (let i = 0; i < n; i++) at[i] = x[i]! + y[i]!;
  let best = evaluate(at) - f0;
  let bestY = Float64Array.from(y);
  if (!(best > 0)) {
    best = 0;
    bestY = new Float64Array(n);
  }
  let evaluations = 2;
  for (let s = 0; s < steps; s++) {
    for (let i = 0; i < n; i++) at[i] = x[i]! + y[i]!;
    const g = o.gradient(at);
    evaluations++;
    if (g === null || typeof g !== 'object' || g.length !== n) {
      throw new RangeError(
        `${fn}: gradient must return ${n} numbers (the point's length), got ${describe(g)}`,
      );
    }
    let moved = false;
    for (let i = 0; i < n; i++) {
      const gi = g[i]!;
      if (gi === 0 || !Number.isFinite(gi)) continue;
      const next = Math.min(half[i]!, Math.max(-half[i]!, y[i]! + Math.sign(gi) * stepFraction * half[i]!));
      if (next !== y[i]) moved = true;
      y[i] = next;
    }
    for (let i = 0; i < n; i++) at[i] = x[i]! + y[i]!;
    const rise = evaluate(at) - f0;
    evaluations++;
    if (rise > best) {
      best = rise;
      bestY = Float64Array.from(y);
    }
    if (!moved) break;
  }
  return {
    sharpness: (100 * best) / (1 + f0),
    maxIncrease: best,
    loss: f0,
    perturbation: bestY,
    evaluations,
  };
}
