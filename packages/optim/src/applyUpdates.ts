import { roundFor } from './_math';
import { checkSame, flatten, type Leaf } from './_tree';
import type { ParamTree, UpdateTree } from './types';

/**
 * Adds updates to parameters, in place: $\theta \leftarrow \theta + u$ for every leaf (a `null` update leaves
 * its parameter unchanged). Unlike optax's `apply_updates`, it writes into the parameters' own arrays (the data of
 * a tensor, the typed array, the `data` of a `{ shape, data }`), so frameworks that hold them see the change.
 *
 * @param params - the parameters.
 * @param updates - updates with the same structure and shapes (from a transformation's `update`).
 * @returns `params`, updated.
 * @example
 * ```ts
 * import { applyUpdates } from '@dl/optim';
 * const params = { w: new Float64Array([1, 2]) };
 * applyUpdates(params, { w: new Float64Array([0.5, -1]) });
 * Array.from(params.w); // [1.5, 1]
 * ```
 * @see {@link https://optax.readthedocs.io/en/latest/api/apply_updates.html | optax.apply_updates}
 */
export function applyUpdates<P extends ParamTree>(params: P, updates: UpdateTree): P {
  const fn = 'applyUpdates';
  const p = flatten(fn, 'params', params).leaves as Leaf[];
  const u = flatten(fn, 'updates', updates, true).leaves;
  checkSame(fn, p, u, 'updates', 'params');
  for (let j = 0; j < p.length; j++) {
    const uj = u[j];
    if (!uj) continue;
    const a = p[j]!.data;
    const b = uj.data;
    const R = roundFor(a);
    for (let i = 0; i < a.length; i++) a[i] = R(a[i]! + b[i]!);
  }
  return params;
}
