import { isTensor } from './_tree';
import type { GradTree, ParamTree } from './types';

/**
 * The gradients of a tree of `@dl/tensor` tensors: the same structure with each tensor replaced by its `.grad`
 * (`null` when it has none — such parameters are skipped by the optimizers, as in PyTorch). Non-tensor leaves
 * become `null`.
 *
 * @param params - the parameters.
 * @returns the gradient tree, to pass to a transformation's `update`.
 * @example
 * ```ts
 * import { tensor, mul, sum } from '@dl/tensor';
 * import { gradientsOf } from '@dl/optim';
 * const params = { w: tensor([1, 2], { requiresGrad: true }), b: tensor([0], { requiresGrad: true }) };
 * sum(mul(params.w, params.w)).backward();
 * const grads = gradientsOf(params) as { w: { data: Float32Array }; b: null };
 * Array.from(grads.w.data); // [2, 4]
 * grads.b; // null
 * ```
 */
export function gradientsOf(params: ParamTree): GradTree {
  const walk = (x: unknown): unknown => {
    if (isTensor(x)) return x.grad ?? null;
    if (ArrayBuffer.isView(x) || x === null || typeof x !== 'object') return null;
    if (Array.isArray(x)) return x.map(walk);
    if ('data' in x && 'shape' in x) return null;
    const out: Record<string, unknown> = {};
    for (const k of Object.keys(x)) out[k] = walk((x as Record<string, unknown>)[k]);
    return out;
  };
  return walk(params) as GradTree;
}
