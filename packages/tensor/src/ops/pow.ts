import { record } from '../autograd/record';
import type { TensorArray } from '../dtype';
import { binaryKernel, type Operand, operands } from '../kernels/binary';
import { fastBinary } from '../kernels/unary';
import { pointwiseF32 } from '../kernels/unaryF32';
import { allocUninit } from '../memory/_pool';
import { broadcastShapes, shapesEqual } from '../shape';
import { Tensor } from '../tensor';
import { log } from './log';
import { mul } from './mul';
import { sub } from './sub';
import { sumTo } from './sumTo';
import { where } from './where';

function powLoop(x: TensorArray, y: TensorArray, out: TensorArray, xs: number, ys: number): void {
  for (let i = 0, p = 0, q = 0; i < out.length; i++, p += xs, q += ys) out[i] = x[p]! ** y[q]!;
}

function powScalarLoop(x: TensorArray, e: number, out: TensorArray): void {
  // float32 x^2 and x^-1: the pointwise SIMD kernels from the size threshold (the same values: one correctly
  // rounded operation, which the float64 result rounded to float32 equals)
  if (x instanceof Float32Array && (e === 2 || e === -1)) {
    pointwiseF32(e === 2 ? 'square' : 'reciprocal', x, out as Float32Array);
    return;
  }
  if (e === 2) for (let i = 0; i < out.length; i++) out[i] = x[i]! * x[i]!;
  else for (let i = 0; i < out.length; i++) out[i] = x[i]! ** e;
}

/**
 * Elementwise power $a^b$ with NumPy broadcasting: tensor to a number, tensor to a tensor, or a number to a
 * tensor.
 *
 * Gradients follow PyTorch 1.13: $\partial/\partial a = b\,a^{b-1}$, taken as 0 where $b = 0$;
 * $\partial/\partial b = a^b \ln a$, taken as 0 where $a = 0$ and $b \ge 0$ (NaN for a negative base, as in
 * PyTorch). Float dtypes only.
 *
 * A float32 tensor to the power 2 or −1 runs in WebAssembly SIMD from the size threshold (one correctly rounded
 * multiplication or division, the same values as the JavaScript loop); other exponents compute in float64 with
 * `**` and round once.
 *
 * @param a - the base: a float tensor or a number.
 * @param b - the exponent: a float tensor or a number.
 * @returns a tensor of the broadcast shape.
 * @example
 * ```ts
 * import { pow, tensor } from '@dl/tensor';
 * pow(tensor([1, 2, 3]), 2).toArray(); // [1, 4, 9]
 * pow(2, tensor([0, 1, 10])).toArray(); // [1, 2, 1024]
 * pow(tensor([4, 9]), tensor([0.5, 2])).toArray(); // [2, 81]
 * ```
 * @see {@link https://pytorch.org/docs/1.13/generated/torch.pow.html | torch.pow}
 */
export function pow(a: Operand, b: Operand): Tensor {
  const [x, y] = operands('pow', a, b);
  if (x.dtype === 'int32') {
    throw new TypeError('pow: operands must be float32 or float64 tensors, got int32; cast them first');
  }
  let out: Tensor | null = null;
  if (y.size === 1 && shapesEqual(broadcastShapes('pow', x.shape, y.shape), x.shape)) {
    const data = allocUninit(x.dtype, x.size);
    powScalarLoop(x.data, y.data[0]!, data);
    out = new Tensor(data, x.shape, x.dtype);
  } else {
    out = fastBinary(x, y, powLoop) ?? binaryKernel('pow', x, y, (p, q) => p ** q);
  }
  const result = out;
  return record('pow', result, [x, y], (g) => {
    let gx: Tensor | null = null;
    let gy: Tensor | null = null;
    if (x.requiresGrad) {
      const zeroExp = binaryKernel('pow', y, y, (q) => (q === 0 ? 1 : 0));
      gx = sumTo(where(zeroExp, 0, mul(g, mul(y, pow(x, sub(y, 1))))), x.shape);
    }
    if (y.requiresGrad) {
      const zeroBase = binaryKernel('pow', x, y, (p, q) => (p === 0 && q >= 0 ? 1 : 0));
      gy = sumTo(where(zeroBase, 0, mul(g, mul(result, log(x)))), y.shape);
    }
    return [gx, gy];
  });
}
