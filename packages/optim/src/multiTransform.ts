import { describe } from '@dl/internal';
import { isLabel, perLeaf } from './_mask';
import { flatOf, transformation } from './_transform';
import type { Leaf } from './_tree';
import type { GradientTransformation, Labels } from './types';

/**
 * Applies a different transformation to each group of leaves: `labels` names each leaf's group, `transforms`
 * holds one transformation per label. The typical use is no weight decay on biases and norm weights, or muon for
 * matrices and AdamW for the rest.
 *
 * @param transforms - label → transformation.
 * @param labels - `(path, shape) => label` or a tree of labels.
 * @returns the transformation; its state is label → inner state.
 * @example
 * ```ts
 * import { multiTransform, scaleByLearningRate } from '@dl/optim';
 * const t = multiTransform(
 *   { fast: scaleByLearningRate(1), slow: scaleByLearningRate(0.1) },
 *   (path) => (path.endsWith('bias') ? 'slow' : 'fast'),
 * );
 * const params = { weight: new Float64Array(1), bias: new Float64Array(1) };
 * const [u] = t.update({ weight: new Float64Array([1]), bias: new Float64Array([1]) }, t.init(params), params);
 * (u as { bias: Float64Array }).bias[0]; // -0.1
 * ```
 * @see {@link https://optax.readthedocs.io/en/latest/api/combining_optimizers.html#optax.multi_transform | optax.multi_transform}
 */
export function multiTransform(
  transforms: Readonly<Record<string, GradientTransformation>>,
  labels: Labels,
): GradientTransformation<Record<string, unknown>> {
  const fn = 'multiTransform';
  if (transforms === null || typeof transforms !== 'object') {
    throw new TypeError(
      `${fn}: transforms must be a record of label -> transformation, got ${describe(transforms)}`,
    );
  }
  const names = Object.keys(transforms);
  const flats = Object.fromEntries(names.map((k) => [k, flatOf(transforms[k]!, fn, `transforms.${k}`)]));
  const groups = (leafFn: string, leaves: readonly Leaf[]) => {
    const ls = perLeaf(leafFn, 'labels', labels, leaves, isLabel);
    ls.forEach((l, j) => {
      if (!(l in flats)) {
        throw new TypeError(
          `${leafFn}: the label of ${leaves[j]!.path} is ${describe(l)}, which is not one of ${describe(names)}`,
        );
      }
    });
    return Object.fromEntries(names.map((k) => [k, ls.flatMap((l, j) => (l === k ? [j] : []))]));
  };
  return transformation<Record<string, unknown>>(fn, {
    init(params, f) {
      const g = groups(f, params);
      return Object.fromEntries(
        names.map((k) => [
          k,
          flats[k]!.init(
            g[k]!.map((j) => params[j]!),
            f,
          ),
        ]),
      );
    },
    update(grads, state, params, ctx) {
      const ref = (params ?? grads) as Leaf[];
      if (!params && grads.some((g) => !g))
        throw new TypeError(`${ctx.fn}: params are required when a gradient is missing`);
      const g = groups(ctx.fn, ref);
      const out = grads.slice();
      const next: Record<string, unknown> = {};
      for (const k of names) {
        const idx = g[k]!;
        const [u, s] = flats[k]!.update(
          idx.map((j) => grads[j]!),
          state[k],
          params && idx.map((j) => params[j]!),
          ctx,
        );
        idx.forEach((j, i) => {
          out[j] = u[i]!;
        });
        next[k] = s;
      }
      return [out, next];
    },
  });
}
