import { defineOptions } from '@dl/internal';
import { record } from '../autograd/record';
import type { TensorArray } from '../dtype';
import { checkNumber, mapUnary } from '../kernels/unary';
import { unaryBackwardF32, unaryF32 } from '../kernels/unaryF32';
import type { Tensor } from '../tensor';
import { mul } from './mul';

/** Options of {@link leakyRelu}. */
export interface LeakyReluOptions {
  /**
   * The slope for negative inputs.
   * @defaultValue 0.01
   */
  negativeSlope?: number;
}

/** @internal The checker of {@link LeakyReluOptions}; a bare number is `negativeSlope`, as PyTorch takes it positionally. */
export const leakyReluOptions = /* @__PURE__ */ defineOptions<LeakyReluOptions>()(
  'leakyRelu',
  { negativeSlope: 0.01 },
  { positional: 'negativeSlope' },
);

function leakyReluLoop(src: TensorArray, dst: TensorArray, slope: number): void {
  if (src instanceof Float32Array) {
    unaryF32('leakyRelu', src, dst as Float32Array, Math.fround(slope));
    return;
  }
  for (let i = 0; i < src.length; i++) {
    const v = src[i]!;
    dst[i] = v > 0 ? v : v * slope;
  }
}

function leakyReluGradLoop(src: TensorArray, dst: TensorArray, slope: number): void {
  for (let i = 0; i < src.length; i++) dst[i] = src[i]! > 0 ? 1 : slope;
}

/**
 * Leaky rectified linear unit.
 *
 * $y = x$ for $x > 0$, $y = \text{negativeSlope} \cdot x$ otherwise; the gradient at $x = 0$ is
 * `negativeSlope`, as in PyTorch.
 *
 * float32 computes in float32 (four-lane WebAssembly SIMD for large tensors, a bit-identical JavaScript fallback):
 * $x \cdot \mathrm{fl}(\text{negativeSlope})$, correctly rounded, as PyTorch's float kernel; the gradient in one
 * fused pass.
 *
 * @param x - the input (float32 or float64).
 * @param options - see {@link LeakyReluOptions}.
 * @returns a tensor of `x`'s shape and dtype.
 * @example
 * ```ts
 * import { leakyRelu, tensor } from '@dl/tensor';
 * leakyRelu(tensor([-100, 0, 2])).toArray(); // [-1, 0, 2]
 * leakyRelu(tensor([-1, 3]), { negativeSlope: 0.2 }).toArray(); // [-0.2, 3]
 * ```
 * @see {@link https://pytorch.org/docs/1.13/generated/torch.nn.LeakyReLU.html | torch.nn.LeakyReLU}
 */
export function leakyRelu(x: Tensor, options: LeakyReluOptions | number = {}): Tensor {
  const o = leakyReluOptions(options, 'leakyRelu');
  const slope = checkNumber('leakyRelu', 'options.negativeSlope', o.negativeSlope);
  const out = mapUnary('leakyRelu', x, leakyReluLoop, true, slope);
  return record('leakyRelu', out, [x], (g) => [
    unaryBackwardF32('leakyReluBwd', g, x, Math.fround(slope)) ??
      mul(g, mapUnary('leakyRelu', x, leakyReluGradLoop, true, slope, 0, 'leakyReluMask')),
  ]);
}
