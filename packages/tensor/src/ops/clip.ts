import { defineOptions } from '@dl/internal';
import { record } from '../autograd/record';
import type { TensorArray } from '../dtype';
import { checkNumber, mapUnary } from '../kernels/unary';
import { pointwiseF32 } from '../kernels/unaryF32';
import type { Tensor } from '../tensor';
import { mul } from './mul';

/** Options of {@link clip}. */
export interface ClipOptions {
  /**
   * The lower bound; no lower bound when omitted.
   * @defaultValue undefined
   */
  min?: number;
  /**
   * The upper bound; no upper bound when omitted.
   * @defaultValue undefined
   */
  max?: number;
}

/**
 * @internal The checker of {@link ClipOptions}. A bare number is rejected: PyTorch's `clamp(x, min, max)` takes
 * two positional bounds, and reading only the first would silently drop the second.
 */
export const clipOptions = /* @__PURE__ */ defineOptions<ClipOptions>()('clip', {
  min: undefined,
  max: undefined,
});

function clipLoop(src: TensorArray, dst: TensorArray, lo: number, hi: number): void {
  if (src instanceof Float32Array && lo <= hi) {
    pointwiseF32('clip', src, dst as Float32Array, Math.fround(lo), Math.fround(hi));
    return;
  }
  for (let i = 0; i < src.length; i++) {
    // Branch-free; NaN propagates through both, and min > max gives max everywhere (as in PyTorch).
    dst[i] = Math.min(Math.max(src[i]!, lo), hi);
  }
}

/** @internal The clamp gradient mask: 1 where lo <= x <= hi (boundaries included, like PyTorch), else 0 (also for NaN). */
export function clipMaskLoop(src: TensorArray, dst: TensorArray, lo: number, hi: number): void {
  for (let i = 0; i < src.length; i++) {
    const v = src[i]!;
    dst[i] = v >= lo && v <= hi ? 1 : 0;
  }
}

/**
 * Clamps every element into `[min, max]` (PyTorch's `clamp`).
 *
 * $y = \min(\max(x, \text{min}), \text{max})$, so when `min > max` every element becomes `max`, as in PyTorch;
 * NaN stays NaN. Gradient: 1 where $\text{min} \le x \le \text{max}$ — including exactly at a bound, PyTorch's
 * choice — and 0 elsewhere.
 *
 * float32 runs in a WebAssembly SIMD kernel for large tensors (one correctly rounded float32 operation a lane, the
 * same values as the JavaScript loop bit for bit).
 *
 * @param x - the input (any dtype).
 * @param options - `min` and/or `max` (at least one); see {@link ClipOptions}.
 * @returns a tensor of `x`'s shape and dtype.
 * @example
 * ```ts
 * import { clip, tensor } from '@dl/tensor';
 * clip(tensor([-2, 0.5, 3]), { min: 0, max: 1 }).toArray(); // [0, 0.5, 1]
 * ```
 * @see {@link https://pytorch.org/docs/1.13/generated/torch.clamp.html | torch.clamp}
 */
export function clip(x: Tensor, options: ClipOptions): Tensor {
  const { min, max } = clipOptions(options, 'clip');
  if (min === undefined && max === undefined) {
    throw new TypeError('clip: at least one of options.min and options.max must be given, got neither');
  }
  const lo = min === undefined ? Number.NEGATIVE_INFINITY : checkNumber('clip', 'options.min', min, true);
  const hi = max === undefined ? Number.POSITIVE_INFINITY : checkNumber('clip', 'options.max', max, true);
  const out = mapUnary('clip', x, clipLoop, false, lo, hi);
  return record('clip', out, [x], (g) => [
    mul(g, mapUnary('clip', x, clipMaskLoop, false, lo, hi, 'clipMask')),
  ]);
}
