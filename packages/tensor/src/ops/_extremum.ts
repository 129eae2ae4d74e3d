import { record } from '../autograd/record';
import type { TensorArray } from '../dtype';
import { binaryKernel } from '../kernels/binary';
import { simdLoop } from '../kernels/compareF32';
import { fastBinary } from '../kernels/unary';
import type { Tensor } from '../tensor';
import { mul } from './mul';
import { sumTo } from './sumTo';

/** Gradient share where p < q loses: 0 there, 1/2 on a tie, 1 elsewhere (maximum's first operand, minimum's second). */
function shareLtLoop(x: TensorArray, y: TensorArray, out: TensorArray, xs: number, ys: number): void {
  for (let i = 0, j = 0, k = 0; i < out.length; i++, j += xs, k += ys) {
    const p = x[j]!;
    const q = y[k]!;
    out[i] = p < q ? 0 : p === q ? 0.5 : 1;
  }
}

/** Gradient share where p > q loses (maximum's second operand, minimum's first). */
function shareGtLoop(x: TensorArray, y: TensorArray, out: TensorArray, xs: number, ys: number): void {
  for (let i = 0, j = 0, k = 0; i < out.length; i++, j += xs, k += ys) {
    const p = x[j]!;
    const q = y[k]!;
    out[i] = p > q ? 0 : p === q ? 0.5 : 1;
  }
}

const shareLtF32 = /* @__PURE__ */ simdLoop('shareLt', shareLtLoop);
const shareGtF32 = /* @__PURE__ */ simdLoop('shareGt', shareGtLoop);

/** The share of one operand in the layouts fastBinary takes (float32 in SIMD), else by broadcasting. */
function share(fn: string, x: Tensor, y: Tensor, lt: boolean): Tensor {
  return (
    fastBinary(x, y, lt ? shareLtF32 : shareGtF32) ??
    binaryKernel(
      fn,
      x,
      y,
      lt ? (p, q) => (p < q ? 0 : p === q ? 0.5 : 1) : (p, q) => (p > q ? 0 : p === q ? 0.5 : 1),
    )
  );
}

/**
 * @internal Records `out` = maximum(x, y) or minimum(x, y) with PyTorch 1.13's gradient: the upstream gradient goes
 * to the winning operand, split in half on a tie.
 */
export function recordExtremum(fn: 'maximum' | 'minimum', out: Tensor, x: Tensor, y: Tensor): Tensor {
  const firstLt = fn === 'maximum';
  return record(fn, out, [x, y], (g) => [
    x.requiresGrad ? sumTo(mul(g, share(fn, x, y, firstLt)), x.shape) : null,
    y.requiresGrad ? sumTo(mul(g, share(fn, x, y, !firstLt)), y.shape) : null,
  ]);
}
