import { isGradEnabled } from '../autograd/gradMode';
import { record } from '../autograd/record';
import { normBackwardKernel, normForwardKernel } from '../kernels/norm';
import { allocUninit } from '../memory/_pool';
import { SCRATCH, scratchF64 } from '../memory/_scratch';
import { Tensor } from '../tensor';
import { add } from './add';
import { mean } from './mean';
import { mul } from './mul';
import { reshape } from './reshape';
import { rsqrt } from './rsqrt';
import { square } from './square';
import { sub } from './sub';
import { sum } from './sum';

/**
 * @internal The layout shared by batch and layer normalization: `x` is `[outer, G, inner]` row-major and the
 * statistics are per group g (over `outer x inner` elements); the affine parameters have one value per
 * `affine(g, i)` index. Batch norm: outer N, groups C, inner the spatial size, affine per channel. Layer norm:
 * outer 1, one group per row, inner the normalized size, affine per element of a row.
 */
export interface NormLayout {
  outer: number;
  groups: number;
  inner: number;
  /** true: weight / bias hold one value per group (batch norm); false: one per inner element (layer norm). */
  perGroup: boolean;
  /** Axes of x reduced for the statistics (for the differentiable backward). */
  axes: number[];
  /** Axes of x summed for the gradients of weight and bias. */
  paramAxes: number[];
  /** Shape of weight / bias (and of per-group statistics) broadcast against x. */
  affineShape: number[];
}

/**
 * @internal Normalizes `x` with the given per-group mean and inverse standard deviation (or, when `mean` is null,
 * with the batch statistics, which it writes to `stats`), then scales and shifts by `weight` / `bias`; records a
 * fused backward (one pass for the statistics' sums, one for the gradient). When the backward pass is itself
 * recorded it is built from differentiable ops instead (double backward).
 */
export function normalize(
  fn: string,
  x: Tensor,
  layout: NormLayout,
  weight: Tensor | undefined,
  bias: Tensor | undefined,
  eps: number,
  given: { mean: ArrayLike<number>; variance: ArrayLike<number> } | null,
  stats: { mean: Float64Array; variance: Float64Array } | null,
): Tensor {
  const { outer, groups: G, inner, perGroup } = layout;
  const shape = { outer, G, inner, perGroup };
  const d = x.data;
  // the mean and inverse deviation per group, kept by the backward: one array for both
  const both = new Float64Array(2 * G);
  const mu = both.subarray(0, G);
  const inv = both.subarray(G);
  const out = allocUninit(x.dtype, x.size);
  normForwardKernel(d, out, shape, weight?.data, bias?.data, eps, given, stats, mu, inv);
  const inputs = [x];
  if (weight !== undefined) inputs.push(weight);
  if (bias !== undefined) inputs.push(bias);
  const batchStats = given === null;
  return record(fn, new Tensor(out, x.shape, x.dtype), inputs, (gOut) => {
    const grads: (Tensor | null)[] = [];
    if (isGradEnabled()) {
      // differentiable backward (double backward)
      const wB = weight === undefined ? null : reshape(weight, layout.affineShape);
      const keep = { axis: layout.axes, keepDims: true };
      let xhat: Tensor;
      let invT: Tensor;
      if (batchStats) {
        const xc = sub(x, mean(x, keep));
        invT = rsqrt(add(mean(square(xc), keep), eps));
        xhat = mul(xc, invT);
      } else {
        // given statistics are per group (batch norm in evaluation)
        const per = (v: Float64Array) => {
          const a = allocUninit(x.dtype, G);
          a.set(v);
          return new Tensor(a, layout.affineShape, x.dtype);
        };
        invT = per(inv);
        xhat = mul(sub(x, per(mu)), invT);
      }
      const gy = wB === null ? gOut : mul(gOut, wB);
      let gx: Tensor;
      if (batchStats) {
        gx = mul(invT, sub(sub(gy, mean(gy, keep)), mul(xhat, mean(mul(gy, xhat), keep))));
      } else gx = mul(gy, invT);
      grads.push(x.requiresGrad ? gx : null);
      const red = (t: Tensor) => (layout.paramAxes.length === 0 ? t : sum(t, { axis: layout.paramAxes }));
      if (weight !== undefined) {
        grads.push(weight.requiresGrad ? reshape(red(mul(gOut, xhat)), weight.shape) : null);
      }
      if (bias !== undefined) grads.push(bias.requiresGrad ? reshape(red(gOut), bias.shape) : null);
      return grads;
    }
    const gx = allocUninit(x.dtype, x.size);
    // the parameter gradients' float64 sums (copied into the gradient tensors below)
    const dw = scratchF64(SCRATCH.normWeightGrad, perGroup ? G : inner);
    const db = scratchF64(SCRATCH.normBiasGrad, perGroup ? G : inner);
    normBackwardKernel(d, gOut.data, gx, shape, weight?.data, mu, inv, batchStats, dw, db);
    grads.push(x.requiresGrad ? new Tensor(gx, x.shape, x.dtype) : null);
    const param = (t: Tensor, v: Float64Array) => {
      const a = allocUninit(t.dtype, t.size);
      a.set(v);
      return new Tensor(a, t.shape, t.dtype);
    };
    if (weight !== undefined) grads.push(weight.requiresGrad ? param(weight, dw) : null);
    if (bias !== undefined) grads.push(bias.requiresGrad ? param(bias, db) : null);
    return grads;
  });
}
