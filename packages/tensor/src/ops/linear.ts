import { isGradEnabled } from '../autograd/gradMode';
import { record } from '../autograd/record';
import { deviceOf } from '../device';
import { onDevice } from '../dispatch';
import type { DType, TensorArray } from '../dtype';
import { sumLayout } from '../kernels/reduceAxes';
import { allocUninit } from '../memory/_pool';
import { rewrap } from '../memory/_view';
import { formatShape } from '../shape';
import { markDisposed, Tensor } from '../tensor';
import { checkFloat } from './_check';
import { add } from './add';
import { batchedMatmul, cpuProduct } from './matmul';
import { reshape } from './reshape';
import { sum } from './sum';

/**
 * Affine map with PyTorch's weight layout, as `torch.nn.functional.linear`: $y = x W^\top + b$ over the last
 * axis of `x`.
 *
 * $y_{\ldots o} = \sum_i x_{\ldots i} W_{oi} + b_o$; the gradients are $\nabla_x = g W$,
 * $\nabla_W = g^\top x$ and $\nabla_b = \sum g$ over the leading axes (themselves differentiable ops, so double
 * backward works).
 *
 * It gives exactly `add(matmul(x, transpose(weight)), bias)`, bit for bit, without the transpose copy: the
 * product reads `weight` as stored, in the forward pass and in both backward products, and the bias is added in
 * place into the product's fresh array. For float32 the product is computed in float32 (see {@link matmul} for the
 * error bound).
 *
 * @param x - a float tensor `[..., in]` (rank ≥ 1).
 * @param weight - `[out, in]`, `x`'s dtype.
 * @param bias - `[out]`, or omitted.
 * @returns `[..., out]`.
 * @throws RangeError when the shapes do not fit; TypeError for non-tensors, int32 or mixed dtypes.
 * @example
 * ```ts
 * import { linear, tensor } from '@dl/tensor';
 * const w = tensor([[1, 0], [0, 2], [1, 1]]); // 2 -> 3 features
 * linear(tensor([[1, 2]]), w, tensor([0, 0, 10])).toArray(); // [[1, 4, 13]]
 * linear(tensor([1, 2]), w).toArray(); // [1, 4, 3]
 * ```
 * @see {@link https://pytorch.org/docs/1.13/generated/torch.nn.functional.linear.html | torch.nn.functional.linear}
 */
export function linear(x: Tensor, weight: Tensor, bias?: Tensor): Tensor {
  checkFloat('linear', 'x', x);
  checkFloat('linear', 'weight', weight);
  if (bias !== undefined) checkFloat('linear', 'bias', bias);
  if (weight.dtype !== x.dtype || (bias !== undefined && bias.dtype !== x.dtype)) {
    throw new TypeError(
      `linear: dtypes differ: x ${x.dtype}, weight ${weight.dtype}${bias === undefined ? '' : `, bias ${bias.dtype}`}; convert with cast() first`,
    );
  }
  if (x.rank < 1)
    throw new RangeError(`linear: x must have at least one dimension, got ${formatShape(x.shape)}`);
  const inF = x.shape[x.rank - 1]!;
  if (weight.rank !== 2 || weight.shape[1] !== inF) {
    throw new RangeError(
      `linear: weight must be [out, ${inF}] for x ${formatShape(x.shape)}, got ${formatShape(weight.shape)}`,
    );
  }
  const outF = weight.shape[0]!;
  if (bias !== undefined && (bias.rank !== 1 || bias.shape[0] !== outF)) {
    throw new RangeError(
      `linear: bias must be [${outF}] for weight ${formatShape(weight.shape)}, got ${formatShape(bias.shape)}`,
    );
  }
  const P = x.shape.slice(0, -1).reduce((a, b) => a * b, 1);
  const shape = [...x.shape.slice(0, -1), outF];
  const inputs = bias === undefined ? [x, weight] : [x, weight, bias];
  if (onDevice(x, weight) || (bias !== undefined && onDevice(bias))) {
    // on a device: the product and the bias as two device ops (recorded by them)
    deviceOf('linear', inputs, ['x', 'weight', 'bias']);
    const y = batchedMatmul(reshape(x, [P, inF]), weight, false, true);
    return reshape(bias === undefined ? y : add(y, bias), shape);
  }
  // CPU: one product with the bias added in its own pass (no transpose copy: W is read as stored)
  const x2 = x.rank === 2 ? x : new Tensor(x.data, [P, inF], x.dtype);
  const y = cpuProduct(x2, weight, false, true, bias ?? null);
  if (x2 !== x) markDisposed(x2); // a temporary view: a later dispose() must not free x's buffer
  const out = x.rank === 2 ? y : rewrap(y, shape);
  return record('linear', out, inputs, (g) => {
    if (isGradEnabled() || g.storage !== null) {
      // recorded backward (double backward), or a device gradient: differentiable ops
      const g2 = reshape(g, [P, outF]);
      const grads = [
        x.requiresGrad ? reshape(batchedMatmul(g2, weight), x.shape) : null,
        weight.requiresGrad ? batchedMatmul(g2, reshape(x, [P, inF]), true, false) : null,
      ];
      if (bias !== undefined) grads.push(bias.requiresGrad ? sum(g2, { axis: 0 }) : null);
      return grads;
    }
    // plain backward: the products straight on the stored arrays (2-D temporaries, no views, no copies), the
    // bias gradient as sum(g, axis 0) computes it (column sums in float64, in row order, rounded once)
    const g2 = g.rank === 2 ? g : new Tensor(g.data, [P, outF], g.dtype);
    const xs = x.rank === 2 ? x : new Tensor(x.data, [P, inF], x.dtype);
    let gx: Tensor | null = null;
    if (x.requiresGrad) {
      const p = cpuProduct(g2, weight, false, false, null);
      gx = x.rank === 2 ? p : new Tensor(p.data, x.shape, x.dtype);
    }
    const grads = [gx, weight.requiresGrad ? cpuProduct(g2, xs, true, false, null) : null];
    if (bias !== undefined) grads.push(bias.requiresGrad ? columnSums(g2.data, P, outF, g.dtype) : null);
    return grads;
  });
}

/** `sum(g, { axis: 0 })` of the `[P, n]` array `d`: float64 column sums in row order, rounded once. */
function columnSums(d: TensorArray, P: number, n: number, dtype: DType): Tensor {
  const acc = sumLayout({ data: d, outer: 1, reduce: P, inner: n, keepShape: [1, n] });
  const a = allocUninit(dtype, n);
  a.set(acc);
  return new Tensor(a, [n], dtype);
}
