import { describe } from '@dl/internal';
import { isBool, perLeaf } from './_mask';
import { checkStateRecord, flatOf, transformation } from './_transform';
import type { Leaf } from './_tree';
import type { GradientTransformation, Mask } from './types';

/** The state of {@link masked}. */
export interface MaskedState<S = unknown> {
  /** The inner state, over the selected leaves only. */
  inner: S;
}

/**
 * Applies a transformation to the leaves a mask selects; the others pass through unchanged.
 *
 * @param inner - the transformation for the selected leaves.
 * @param mask - `(path, shape) => boolean` or a tree of booleans.
 * @returns the transformation.
 * @example
 * ```ts
 * import { masked, scaleByLearningRate } from '@dl/optim';
 * const t = masked(scaleByLearningRate(2), (_path, shape) => shape.length > 1);
 * const params = { w: { shape: [1, 1], data: new Float32Array(1) }, b: new Float32Array(1) };
 * const [u] = t.update({ w: { shape: [1, 1], data: new Float32Array([1]) }, b: new Float32Array([1]) }, t.init(params), params);
 * (u as { w: Float32Array; b: Float32Array }).w[0]; // -2
 * (u as { w: Float32Array; b: Float32Array }).b[0]; // 1
 * ```
 * @see {@link https://optax.readthedocs.io/en/latest/api/optimizer_wrappers.html#optax.masked | optax.masked}
 */
export function masked<S>(
  inner: GradientTransformation<S>,
  mask: Mask,
): GradientTransformation<MaskedState<S>> {
  const f = flatOf(inner, 'masked', 'inner');
  if (
    typeof mask !== 'function' &&
    typeof mask !== 'boolean' &&
    (mask === null || typeof mask !== 'object' || ArrayBuffer.isView(mask))
  ) {
    throw new TypeError(
      `masked: mask must be a function (path, shape) => boolean or a tree of booleans, got ${describe(mask)}`,
    );
  }
  return transformation<MaskedState<S>>('masked', {
    init(params, fn) {
      const m = perLeaf(fn, 'mask', mask, params, isBool);
      return {
        inner: f.init(
          params.filter((_, j) => m[j]),
          fn,
        ),
      };
    },
    update(grads, state, params, ctx) {
      checkStateRecord(ctx.fn, state, ['inner']);
      const ref = (params ?? grads) as Leaf[];
      if (!params && grads.some((g) => !g))
        throw new TypeError(`${ctx.fn}: params are required when a gradient is missing`);
      const m = perLeaf(ctx.fn, 'mask', mask, ref, isBool);
      const idx = m.flatMap((b, j) => (b ? [j] : []));
      const [u, s] = f.update(
        idx.map((j) => grads[j]!),
        state.inner,
        params && idx.map((j) => params[j]!),
        ctx,
      );
      const out = grads.slice();
      idx.forEach((j, k) => {
        out[j] = u[k]!;
      });
      return [out, { inner: s }];
    },
  });
}
