import { defineOptions, describe } from '@dl/internal';
import { Module } from '@dl/nn';
import { div, mul, sqrt, square, sum, type Tensor, Tensor as TensorClass } from '@dl/tensor';
import { shapeOf } from './internal/checks';

/** Options of {@link weightNorm}. */
export interface WeightNormOptions {
  /**
   * The name of the module's weight property.
   * @defaultValue 'weight'
   */
  name?: string;
  /**
   * The dimension that keeps its own magnitude $g$ (0: one per output row of a `Linear`); `null` for one $g$ for
   * the whole tensor.
   * @defaultValue 0
   */
  dim?: number | null;
}

const weightNormOptions = /* @__PURE__ */ defineOptions<WeightNormOptions>()('weightNorm', {
  name: 'weight',
  dim: 0,
});

/** The tensor property `name` of `module`, checked. */
export function ownWeight(fn: string, module: unknown, name: unknown): Tensor {
  if (!(module instanceof Module)) {
    throw new TypeError(`${fn}: module must be a Module from @dl/nn, got ${describe(module)}`);
  }
  if (typeof name !== 'string') throw new TypeError(`${fn}: name must be a string, got ${describe(name)}`);
  const w = (module as unknown as Record<string, unknown>)[name];
  if (!(w instanceof TensorClass) || w.dtype === 'int32') {
    throw new TypeError(`${fn}: module.${name} must be a float Tensor parameter, got ${describe(w)}`);
  }
  const desc = Object.getOwnPropertyDescriptor(module, name);
  if (desc === undefined || desc.get !== undefined) {
    throw new TypeError(`${fn}: module.${name} is already reparametrized (or not an own property)`);
  }
  return w;
}

/** Replaces the own property `name` by a non-enumerable getter (the state dict no longer lists it). */
export function defineComputed(module: Module, name: string, get: () => Tensor): void {
  delete (module as unknown as Record<string, unknown>)[name];
  Object.defineProperty(module, name, { get, enumerable: false, configurable: true });
}

/**
 * Weight normalization (Salimans and Kingma, 2016), like PyTorch 1.13's `torch.nn.utils.weight_norm`: the
 * module's weight is recomputed on every access from a magnitude $g$ and a direction $v$,
 * $$w = g \, \frac{v}{\lVert v \rVert},$$
 * the norm taken over every dimension but `dim` (so each output row of a `Linear` has its own $g$). Initially
 * $v = w$ and $g = \lVert w \rVert$, so the layer computes the same function. The module is changed in place
 * and returned: its `weight` property becomes a computed (non-enumerable) getter, and the learnable parameters
 * are `weight_g` (shape of $w$ with 1 everywhere but `dim`) and `weight_v`, PyTorch's state-dict keys.
 *
 * @param module - a module with a float tensor property `name` (a `Linear` from @dl/nn, say).
 * @param options - see {@link WeightNormOptions}.
 * @returns `module`, reparametrized.
 * @example
 * ```ts
 * import { Linear } from '@dl/nn';
 * import { weightNorm } from '@dl/norm';
 * const layer = weightNorm(new Linear(4, 3, { seed: 0 }));
 * Object.keys(layer.stateDict()); // ['bias', 'weight_g', 'weight_v']
 * layer.stateDict().weight_g.shape; // [3, 1]
 * ```
 * @see https://pytorch.org/docs/1.13/generated/torch.nn.utils.weight_norm.html
 */
export function weightNorm<M extends Module>(module: M, options?: WeightNormOptions): M {
  const fn = 'weightNorm';
  const o = weightNormOptions(options);
  const name = o.name;
  const w = ownWeight(fn, module, name);
  const dim = o.dim;
  if (dim !== null && (typeof dim !== 'number' || !Number.isInteger(dim) || dim < -w.rank || dim >= w.rank)) {
    throw new RangeError(
      `${fn}: dim must be null or an integer in [${-w.rank}, ${w.rank - 1}] for a weight of shape ${shapeOf(w.shape)}, got ${describe(dim)}`,
    );
  }
  const d = dim === null ? null : dim < 0 ? dim + w.rank : dim;
  const axes = w.shape.map((_, i) => i).filter((i) => i !== d);
  const norm = (v: Tensor) => sqrt(sum(square(v), { axis: axes, keepDims: d !== null }));
  const v = new TensorClass(w.data.slice(), [...w.shape], w.dtype).setRequiresGrad();
  const n = norm(v.detach());
  const g = new TensorClass(n.data.slice(), [...n.shape], w.dtype).setRequiresGrad();
  const record = module as unknown as Record<string, unknown>;
  defineComputed(module, name, () => {
    const gNow = record[`${name}_g`] as Tensor;
    const vNow = record[`${name}_v`] as Tensor;
    return mul(vNow, div(gNow, norm(vNow)));
  });
  record[`${name}_g`] = g;
  record[`${name}_v`] = v;
  return module;
}
