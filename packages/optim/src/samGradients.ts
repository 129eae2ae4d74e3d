import { defineOptions, describe } from '@dl/internal';
import { checkBool, checkNonNegative } from './_math';
import { checkSame, flatten, type Leaf } from './_tree';
import type { GradTree, ParamTree } from './types';

/** Options of {@link samGradients}. */
export interface SamGradientsOptions {
  /**
   * The radius $\rho$ of the neighbourhood.
   * @defaultValue 0.05
   */
  rho?: number;
  /**
   * Adaptive SAM (ASAM): scale the perturbation elementwise by $|\theta|$.
   * @defaultValue false
   */
  adaptive?: boolean;
}

const read = defineOptions<SamGradientsOptions>()('samGradients', { rho: 0.05, adaptive: false });

/**
 * Sharpness-aware minimization's gradient: the gradient at the worst point of a $\rho$-ball, to be passed to any
 * optimizer. It calls `gradFn(params)` at $\theta$, moves the parameters in place to
 * $\theta + \epsilon$ with
 * $$\epsilon = \rho\,\frac{g}{\lVert g\rVert_2}\quad(\text{ASAM: } \epsilon = \rho\,\frac{T^2 g}{\lVert T g\rVert_2},\ T = |\theta|),$$
 * calls `gradFn(params)` again, restores the parameters exactly and returns that second gradient. `gradFn` may be
 * any function from the parameters to a gradient tree (`@dl/tensor`'s `grad`, a TensorFlow.js `variableGrads`
 * adapter, finite differences).
 *
 * @param params - the parameters (moved and restored in place).
 * @param gradFn - computes the gradient at the current parameter values.
 * @param options - see {@link SamGradientsOptions}.
 * @returns the gradient at the perturbed point.
 * @example
 * ```ts
 * import { samGradients } from '@dl/optim';
 * const params = [new Float64Array([1])];
 * const g = samGradients(params, (p) => [new Float64Array([2 * (p as Float64Array[])[0][0]])], { rho: 0.5 });
 * (g as Float64Array[])[0][0]; // 3
 * params[0][0]; // 1
 * ```
 * @see Foret et al. 2021, "Sharpness-Aware Minimization for Efficiently Improving Generalization", equation (2);
 *   Kwon et al. 2021 (ASAM).
 */
export function samGradients(
  params: ParamTree,
  gradFn: (params: ParamTree) => GradTree,
  options?: SamGradientsOptions,
): GradTree {
  const fn = 'samGradients';
  const o = read(options);
  const rho = checkNonNegative(fn, 'rho', o.rho);
  const adaptive = checkBool(fn, 'adaptive', o.adaptive);
  if (typeof gradFn !== 'function')
    throw new TypeError(`${fn}: gradFn must be a function, got ${describe(gradFn)}`);
  const p = flatten(fn, 'params', params).leaves as Leaf[];
  const g1 = flatten(fn, 'gradFn(params)', gradFn(params), true).leaves;
  checkSame(fn, p, g1, 'gradFn(params)', 'params');
  let norm = 0;
  g1.forEach((g, j) => {
    if (!g) return;
    const w = p[j]!.data;
    for (let i = 0; i < g.data.length; i++) {
      const v = adaptive ? Math.abs(w[i]!) * g.data[i]! : g.data[i]!;
      norm += v * v;
    }
  });
  norm = Math.sqrt(norm);
  const saved = p.map((l) => l.data.slice());
  const scale = norm > 0 ? rho / norm : 0;
  g1.forEach((g, j) => {
    if (!g) return;
    const w = p[j]!.data;
    const gd = g.data.slice();
    for (let i = 0; i < w.length; i++) w[i] = w[i]! + scale * (adaptive ? w[i]! * w[i]! : 1) * gd[i]!;
  });
  try {
    const g2 = gradFn(params);
    checkSame(fn, p, flatten(fn, 'gradFn(params)', g2, true).leaves, 'gradFn(params)', 'params');
    return g2;
  } finally {
    for (const [j, l] of p.entries()) l.data.set(saved[j]!);
  }
}
