import { defineOptions, describe } from '@dl/internal';
import { formatShape } from '../shape';
import type { Tensor } from '../tensor';
import { checkFloat } from './_check';
import { normalize } from './_normalize';

/** Options of {@link layerNorm}: PyTorch's `layer_norm` parameters in camelCase. */
export interface LayerNormOptions {
  /**
   * Scale $\gamma$, of shape `normalizedShape`.
   * @defaultValue undefined (1)
   */
  weight?: Tensor;
  /**
   * Shift $\beta$, of shape `normalizedShape`.
   * @defaultValue undefined (0)
   */
  bias?: Tensor;
  /**
   * Added to the variance before the square root.
   * @defaultValue 1e-5
   */
  eps?: number;
}

const readOptions = /* @__PURE__ */ defineOptions<LayerNormOptions>()('layerNorm', {
  weight: undefined,
  bias: undefined,
  eps: 1e-5,
});

/**
 * Layer normalization over the trailing axes `normalizedShape`, as `torch.nn.functional.layer_norm`, fused.
 *
 * For each row $r$ of the $D$ trailing values, $y = \dfrac{x - \mu_r}{\sqrt{\sigma_r^2 + \epsilon}}\,\gamma + \beta$
 * with the row's mean and biased variance; gradients flow to `x`, `weight` and `bias`. Statistics and sums
 * accumulate in float64 (each row summed four ways); large float32 inputs run in WebAssembly SIMD kernels with the
 * same values, bit for bit.
 *
 * @param x - a float tensor whose trailing axes are `normalizedShape`.
 * @param normalizedShape - the trailing shape to normalize over (e.g. `[features]`).
 * @param options - `weight`, `bias`, `eps`; see {@link LayerNormOptions}.
 * @returns a tensor of `x`'s shape.
 * @throws RangeError when the shapes do not fit; TypeError for wrong types and unknown options.
 * @example
 * ```ts
 * import { layerNorm, tensor } from '@dl/tensor';
 * layerNorm(tensor([[1, 3], [10, 30]]), [2]).toArray(); // [[-0.999995, 0.999995], [-0.9999999, 0.9999999]]
 * ```
 * @see {@link https://pytorch.org/docs/1.13/generated/torch.nn.functional.layer_norm.html | torch.nn.functional.layer_norm}
 */
export function layerNorm(x: Tensor, normalizedShape: readonly number[], options?: LayerNormOptions): Tensor {
  const fn = 'layerNorm';
  checkFloat(fn, 'x', x);
  const o = readOptions(options);
  const k = Array.isArray(normalizedShape) ? normalizedShape.length : -1;
  const tail = x.shape.slice(x.rank - k);
  if (k < 1 || k > x.rank || normalizedShape.some((d, i) => d !== tail[i])) {
    throw new RangeError(
      `${fn}: normalizedShape must be the trailing shape of x ${formatShape(x.shape)}, got ${describe(normalizedShape)}`,
    );
  }
  const D = normalizedShape.reduce((a, b) => a * b, 1);
  for (const [name, t] of [
    ['weight', o.weight],
    ['bias', o.bias],
  ] as const) {
    if (t === undefined) continue;
    checkFloat(fn, name, t);
    if (t.dtype !== x.dtype || t.rank !== k || t.shape.some((d, i) => d !== normalizedShape[i])) {
      throw new RangeError(
        `${fn}: ${name} must be a ${x.dtype} tensor of shape ${formatShape(normalizedShape)}, got ${t.dtype} ${formatShape(t.shape)}`,
      );
    }
  }
  if (typeof o.eps !== 'number' || !(o.eps >= 0)) {
    throw new RangeError(`${fn}: eps must be a non-negative number, got ${String(o.eps)}`);
  }
  const lead = x.rank - k;
  const layout = {
    outer: 1,
    groups: D === 0 ? 0 : x.size / D,
    inner: D,
    perGroup: false,
    axes: Array.from({ length: k }, (_, i) => lead + i),
    paramAxes: Array.from({ length: lead }, (_, i) => i),
    affineShape: normalizedShape.slice(),
  };
  return normalize(fn, x, layout, o.weight, o.bias, o.eps, null, null);
}
