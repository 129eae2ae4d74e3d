import { defineOptions } from '@dl/internal';
import { filterNormalizedDirectionAs } from './_direction';

/** Options of {@link filterNormalizedDirection}. */
export interface FilterNormalizedDirectionOptions {
  /**
   * The shapes of the parameters laid end to end in the point (PyTorch's order of `model.parameters()`); a
   * parameter of two or more dimensions has one filter per index of its first dimension (a row of a `Linear`
   * weight `[out, in]`, an output channel of a convolution).
   * @defaultValue undefined (the whole point is one filter)
   */
  shapes?: readonly (readonly number[])[];
  /**
   * One-dimensional parameters (biases, normalization scales): `'zero'` leaves them out of the direction (Li et
   * al.'s `ignore='biasbn'`), `'weight'` sets the direction to the parameter itself.
   * @defaultValue 'zero'
   */
  biases?: 'zero' | 'weight';
  /**
   * Seed of the Gaussian direction.
   * @defaultValue 0
   */
  seed?: number;
}

const readOptions = /* @__PURE__ */ defineOptions<FilterNormalizedDirectionOptions>()(
  'filterNormalizedDirection',
  { shapes: undefined, biases: 'zero', seed: 0 },
);

/**
 * A random direction in parameter space, filter-normalized (Li, Xu, Taylor, Studer & Goldstein 2018) so that
 * plots of the loss along it are comparable between networks and scale-invariant: a Gaussian $d$ is rescaled
 * filter by filter to the norm of the weights' filter,
 * $$d_{i,j} \leftarrow \frac{d_{i,j}}{\Vert d_{i,j}\Vert}\, \Vert\theta_{i,j}\Vert,$$
 * for filter $j$ of parameter $i$; one-dimensional parameters are zeroed (or set to the weights).
 *
 * @param point - the parameters $\theta$, laid end to end.
 * @param options - `shapes`, `biases`, `seed`.
 * @returns the direction, with the point's length.
 * @example
 * ```ts
 * import { filterNormalizedDirection } from '@dl/diagnose';
 * // a [2, 2] weight (rows of norm 5 and 1) and a bias of 2
 * const d = filterNormalizedDirection([3, 4, 0, 1, 7, 7], { shapes: [[2, 2], [2]] });
 * Math.round(Math.hypot(d[0], d[1]) * 1e9) / 1e9; // 5
 * Math.round(Math.hypot(d[2], d[3]) * 1e9) / 1e9; // 1
 * [d[4], d[5]]; // [0, 0]
 * ```
 * @see {@link https://arxiv.org/abs/1712.09913 | H. Li et al. (2018), "Visualizing the Loss Landscape of Neural Nets"}.
 */
export function filterNormalizedDirection(
  point: ArrayLike<number>,
  options?: FilterNormalizedDirectionOptions,
): Float64Array {
  return filterNormalizedDirectionAs('filterNormalizedDirection', point, readOptions(options));
}
