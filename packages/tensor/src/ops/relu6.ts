import type { Tensor } from '../tensor';
import { hardtanhImpl } from './hardtanh';

/**
 * ReLU capped at 6: {@link hardtanh} with bounds 0 and 6.
 *
 * $y = \min(\max(x, 0), 6)$; gradient 1 for $0 < x < 6$, and 0 elsewhere including exactly 0 and 6 (as in
 * PyTorch).
 *
 * float32 runs in a WebAssembly SIMD kernel for large tensors (one correctly rounded float32 operation a lane, the
 * same values as the JavaScript loop bit for bit).
 *
 * @param x - the input (float32 or float64).
 * @returns a tensor of `x`'s shape and dtype.
 * @example
 * ```ts
 * import { relu6, tensor } from '@dl/tensor';
 * relu6(tensor([-1, 3, 8])).toArray(); // [0, 3, 6]
 * ```
 * @see {@link https://pytorch.org/docs/1.13/generated/torch.nn.ReLU6.html | torch.nn.ReLU6}
 */
export function relu6(x: Tensor): Tensor {
  return hardtanhImpl('relu6', x, 0, 6);
}
