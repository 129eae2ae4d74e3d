import { defineOptions } from '@dl/internal';
import { record } from '../autograd/record';
import type { TensorArray } from '../dtype';
import { checkNumber, mapUnary } from '../kernels/unary';
import { pointwiseF32 } from '../kernels/unaryF32';
import type { Tensor } from '../tensor';
import { mul } from './mul';

/** Options of {@link hardtanh}. */
export interface HardtanhOptions {
  /**
   * The lower end of the linear region.
   * @defaultValue -1
   */
  minVal?: number;
  /**
   * The upper end of the linear region.
   * @defaultValue 1
   */
  maxVal?: number;
}

/** @internal The checker of {@link HardtanhOptions}. */
export const hardtanhOptions = /* @__PURE__ */ defineOptions<HardtanhOptions>()('hardtanh', {
  minVal: -1,
  maxVal: 1,
});

function hardtanhLoop(src: TensorArray, dst: TensorArray, lo: number, hi: number): void {
  if (src instanceof Float32Array && lo <= hi) {
    pointwiseF32('clip', src, dst as Float32Array, Math.fround(lo), Math.fround(hi));
    return;
  }
  for (let i = 0; i < src.length; i++) {
    // Branch-free; NaN propagates through both, and min > max gives max everywhere (as in PyTorch).
    dst[i] = Math.min(Math.max(src[i]!, lo), hi);
  }
}

/** 1 strictly inside (lo, hi), 0 at the bounds and outside: PyTorch's hardtanh_backward. */
function hardtanhGradLoop(src: TensorArray, dst: TensorArray, lo: number, hi: number): void {
  for (let i = 0; i < src.length; i++) {
    const v = src[i]!;
    dst[i] = v > lo && v < hi ? 1 : 0;
  }
}

/** @internal hardtanh with validated bounds, shared with {@link relu6}. */
export function hardtanhImpl(fn: string, x: Tensor, lo: number, hi: number): Tensor {
  const out = mapUnary(fn, x, hardtanhLoop, true, lo, hi, 'hardtanh');
  return record(fn, out, [x], (g) => [
    mul(g, mapUnary(fn, x, hardtanhGradLoop, true, lo, hi, 'hardtanhMask')),
  ]);
}

/**
 * Hard tanh: clamps into `[minVal, maxVal]`.
 *
 * $y = \min(\max(x, \text{minVal}), \text{maxVal})$. Unlike {@link clip}, the gradient is 0 exactly at the
 * bounds (1 only strictly inside), which is what PyTorch's `hardtanh` does.
 *
 * float32 runs in a WebAssembly SIMD kernel for large tensors (one correctly rounded float32 operation a lane, the
 * same values as the JavaScript loop bit for bit).
 *
 * @param x - the input (float32 or float64).
 * @param options - see {@link HardtanhOptions}; `minVal` must not exceed `maxVal`.
 * @returns a tensor of `x`'s shape and dtype.
 * @example
 * ```ts
 * import { hardtanh, tensor } from '@dl/tensor';
 * hardtanh(tensor([-3, 0.5, 2])).toArray(); // [-1, 0.5, 1]
 * ```
 * @see {@link https://pytorch.org/docs/1.13/generated/torch.nn.Hardtanh.html | torch.nn.Hardtanh}
 */
export function hardtanh(x: Tensor, options: HardtanhOptions = {}): Tensor {
  const o = hardtanhOptions(options, 'hardtanh');
  const lo = checkNumber('hardtanh', 'options.minVal', o.minVal, true);
  const hi = checkNumber('hardtanh', 'options.maxVal', o.maxVal, true);
  if (lo > hi) {
    throw new RangeError(
      `hardtanh: options.minVal must not exceed options.maxVal, got minVal ${lo} > maxVal ${hi}`,
    );
  }
  return hardtanhImpl('hardtanh', x, lo, hi);
}
