import { defineOptions, describe } from '@dl/internal';
import { norm2 } from './_stats';
import type { SymmetricOperator } from './lanczos';

/** A gradient function from any framework: `x => ∇f(x)`, returning `x.length` numbers. */
export type GradientFunction = (x: Float64Array) => ArrayLike<number>;

/** Options of {@link finiteDifferenceHvp}. */
export interface FiniteDifferenceHvpOptions {
  /**
   * The relative precision of the gradient's values: `2 ** -52` for float64 gradients, `2 ** -23` for float32
   * ones (TensorFlow.js, most GPU code). It sets the automatic step.
   * @defaultValue 2 ** -52
   */
  gradientEpsilon?: number;
  /**
   * A fixed step $\varepsilon$ instead of the automatic one.
   * @defaultValue undefined
   */
  step?: number;
}

const readOptions = /* @__PURE__ */ defineOptions<FiniteDifferenceHvpOptions>()('finiteDifferenceHvp', {
  gradientEpsilon: 2 ** -52,
  step: undefined,
});

/**
 * Hessian-vector products from gradients alone, by central differences — for frameworks without double
 * backward:
 * $$H v \approx \frac{\nabla f(x + \varepsilon v) - \nabla f(x - \varepsilon v)}{2 \varepsilon},$$
 * with the step that balances truncation ($O(\varepsilon^2)$) against rounding ($O(\epsilon_g/\varepsilon)$):
 * $\varepsilon = \epsilon_g^{1/3} \max(1, \Vert x\Vert) / \Vert v\Vert$. Each product costs two gradient evaluations.
 *
 * @param gradient - `x => ∇f(x)`.
 * @param x - the point (copied).
 * @param options - the gradient's precision or a fixed step.
 * @returns the operator `v => H v`, usable by {@link lanczos}.
 * @example
 * ```ts
 * import { finiteDifferenceHvp } from '@dl/diagnose';
 * // f(x, y) = x^2 y: H at (1, 2) = [[4, 2], [2, 0]]
 * const g = (p) => [2 * p[0] * p[1], p[0] * p[0]];
 * const hv = finiteDifferenceHvp(g, [1, 2]);
 * Array.from(hv(Float64Array.of(1, 0))).map((x) => Math.round(x * 1e6) / 1e6); // [4, 2]
 * ```
 */
export function finiteDifferenceHvp(
  gradient: GradientFunction,
  x: ArrayLike<number>,
  options?: FiniteDifferenceHvpOptions,
): SymmetricOperator {
  const fn = 'finiteDifferenceHvp';
  if (typeof gradient !== 'function')
    throw new TypeError(`${fn}: gradient must be a function x => ∇f(x), got ${describe(gradient)}`);
  if (x === null || typeof x !== 'object' || typeof x.length !== 'number' || x.length === 0) {
    throw new TypeError(`${fn}: x must be a non-empty array of numbers, got ${describe(x)}`);
  }
  const o = readOptions(options);
  if (!(o.gradientEpsilon > 0 && o.gradientEpsilon < 1)) {
    throw new RangeError(`${fn}: gradientEpsilon must be in (0, 1), got ${describe(o.gradientEpsilon)}`);
  }
  if (o.step !== undefined && !(typeof o.step === 'number' && o.step > 0 && Number.isFinite(o.step))) {
    throw new RangeError(`${fn}: step must be a finite number > 0, got ${describe(o.step)}`);
  }
  const point = Float64Array.from(x as ArrayLike<number>);
  const n = point.length;
  const xNorm = norm2(point);
  const plus = new Float64Array(n);
  const minus = new Float64Array(n);
  return (v) => {
    if (v.length !== n) throw new RangeError(`${fn}: v must hold ${n} numbers, got ${v.length}`);
    const vNorm = norm2(v);
    if (vNorm === 0) return new Float64Array(n);
    const eps = o.step ?? (Math.cbrt(o.gradientEpsilon) * Math.max(1, xNorm)) / vNorm;
    for (let i = 0; i < n; i++) {
      plus[i] = point[i]! + eps * v[i]!;
      minus[i] = point[i]! - eps * v[i]!;
    }
    const gp = Float64Array.from(checkGradient(fn, gradient(plus), n));
    const gm = checkGradient(fn, gradient(minus), n);
    const out = new Float64Array(n);
    for (let i = 0; i < n; i++) out[i] = (gp[i]! - gm[i]!) / (2 * eps);
    return out;
  };
}

function checkGradient(fn: string, g: unknown, n: number): ArrayLike<number> {
  if (g === null || typeof g !== 'object' || (g as ArrayLike<number>).length !== n) {
    throw new RangeError(`${fn}: gradient must return ${n} numbers (x's length), got ${describe(g)}`);
  }
  return g as ArrayLike<number>;
}
