import { SAVES_OUTPUT } from '../autograd/node';
import { record } from '../autograd/record';
import type { TensorArray } from '../dtype';
import { sigmoidf } from '../kernels/expF32x4';
import { fusedBackward, mapUnary } from '../kernels/unary';
import type { Tensor } from '../tensor';
import { wasmUnary } from '../wasm/elementwise';
import { wasmForCompute } from '../wasm/runtime';
import { mul } from './mul';
import { sub } from './sub';

/** $e^v / (1 + e^v)$ for v < 0: never overflows. */
function sigmoidNeg(v: number): number {
  const e = Math.exp(v);
  return e / (1 + e);
}

/** g y (1 - y), rounded after each operation as the composed `mul(g, mul(y, sub(1, y)))` rounds. */
function sigmoidBackwardLoop(g: TensorArray, y: TensorArray, out: TensorArray): void {
  if (out instanceof Float32Array) {
    const f = Math.fround;
    for (let i = 0; i < out.length; i++) out[i] = g[i]! * f(y[i]! * f(1 - y[i]!));
    return;
  }
  for (let i = 0; i < out.length; i++) out[i] = g[i]! * (y[i]! * (1 - y[i]!));
}

function sigmoidLoop(src: TensorArray, dst: TensorArray): void {
  if (src instanceof Float32Array) {
    // float32: the four-lane float32 kernel, or its bit-identical Math.fround emulation
    const rt = wasmForCompute(src.length);
    if (rt !== null) wasmUnary(rt, 'sigmoid', src, dst as Float32Array);
    else for (let i = 0; i < src.length; i++) dst[i] = sigmoidf(src[i]!);
    return;
  }
  for (let i = 0; i < src.length; i++) {
    const v = src[i]!;
    dst[i] = v >= 0 ? 1 / (1 + Math.exp(-v)) : sigmoidNeg(v);
  }
}

/**
 * Elementwise logistic sigmoid, numerically stable for any magnitude.
 *
 * $y = \sigma(x) = 1/(1+e^{-x})$, evaluated as $e^{x}/(1+e^{x})$ for $x<0$ so that it never overflows; gradient $y(1-y)$.
 *
 * Accuracy: the gradient $y(1 - y)$ uses the saved output, as PyTorch does, and cancels as $y \to 1$, so a
 * one-ulp difference in $y$ becomes an absolute error of about one ulp of 1. The float32 PyTorch comparison of
 * the gradient allows an absolute 1e-7 on top of the 1e-6 relative tolerance.
 *
 * float32 input is computed in float32 (the float32 exponential of `softmax`, then one division), at most 4 ulp
 * from the correctly rounded value: four lanes at a time in WebAssembly for large tensors, the same steps with
 * `Math.fround` in JavaScript, bit for bit. float64 input keeps `Math.exp`.
 *
 * @param x - the input (float32 or float64).
 * @returns a tensor of `x`'s shape and dtype.
 * @example
 * ```ts
 * import { sigmoid, tensor } from '@dl/tensor';
 * sigmoid(tensor([0, -1e4, 1e4])).toArray(); // [0.5, 0, 1]
 * ```
 * @see {@link https://pytorch.org/docs/1.13/generated/torch.sigmoid.html | torch.sigmoid}
 */
export function sigmoid(x: Tensor): Tensor {
  const out = mapUnary('sigmoid', x, sigmoidLoop, true);
  return record(
    'sigmoid',
    out,
    [x],
    (g) => [fusedBackward(g, out, 'sigmoidBwd', sigmoidBackwardLoop) ?? mul(g, mul(out, sub(1, out)))],
    SAVES_OUTPUT,
  );
}
