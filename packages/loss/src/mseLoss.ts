import { defineOptions } from '@dl/internal';
import { mul, square, sub, type Tensor } from '@dl/tensor';
import { type LossValueAndGrad, lossValue, lossValueAndGrad, type PlainFloat, type Reduction } from './_core';
import { pointwiseSpec } from './_pointwise';

/** Options of {@link mseLoss}. */
export interface MseLossOptions {
  /**
   * `'mean'` over all elements, `'sum'`, or `'none'` (per-element values).
   * @defaultValue 'mean'
   */
  reduction?: Reduction;
}

const readOptions = defineOptions<MseLossOptions>()('mseLoss', { reduction: 'mean' });

const MSE = /* @__PURE__ */ pointwiseSpec(
  'mseLoss',
  readOptions,
  (x, y) => square(sub(x, y)),
  (x, y) => mul(sub(x, y), 2),
);

/**
 * Mean squared error, `(input, target)` in PyTorch's order.
 *
 * $\ell_i = (x_i - y_i)^2$, then reduced: $\frac{1}{n}\sum_i \ell_i$ (`'mean'`), $\sum_i \ell_i$ (`'sum'`) or
 * the $\ell_i$ (`'none'`). `input` and `target` must have the same shape and dtype: unlike PyTorch (which only
 * warns), a target of shape `[N, 1]` against an input of shape `[N]` is an error, not an `N × N` broadcast.
 * Differentiable to any order with respect to both arguments.
 *
 * @param input - predictions $x$ (float32 or float64).
 * @param target - targets $y$, same shape and dtype.
 * @param options - see {@link MseLossOptions}.
 * @returns a scalar, or a tensor of `input`'s shape for `'none'`.
 * @example
 * ```ts
 * import { tensor } from '@dl/tensor';
 * import { mseLoss } from '@dl/loss';
 * mseLoss(tensor([1, 2, 3]), tensor([1, 2, 5])).item(); // 1.3333333730697632
 * mseLoss(tensor([1, 2, 3]), tensor([1, 2, 5]), { reduction: 'none' }).toArray(); // [0, 0, 4]
 * ```
 * @see {@link https://pytorch.org/docs/1.13/generated/torch.nn.MSELoss.html | torch.nn.MSELoss}
 */
export function mseLoss(input: Tensor, target: Tensor, options?: MseLossOptions): Tensor {
  return lossValue(MSE, [input, target], options);
}

/**
 * {@link mseLoss} on plain arrays: the value and the analytic gradient $\partial L / \partial x_i =
 * 2 s (x_i - y_i)$ (with $s$ = 1/n for `'mean'`, 1 otherwise), computed by the same formulas without autograd.
 *
 * @param input - predictions: `TensorData`, a `Float32Array` / `Float64Array` (then 1-D) or a tensor.
 * @param target - targets, same shape (a bare typed array takes `input`'s shape).
 * @param options - see {@link MseLossOptions}.
 * @returns the loss and its gradient with respect to `input`.
 * @example
 * ```ts
 * import { mseLossValueAndGrad } from '@dl/loss';
 * const { value, grad } = mseLossValueAndGrad(new Float32Array([1, 2, 3]), new Float32Array([1, 2, 5]));
 * value; // 1.3333333730697632
 * Array.from(grad.data); // [0, 0, -1.3333333730697632]
 * ```
 */
export function mseLossValueAndGrad(
  input: PlainFloat,
  target: PlainFloat,
  options?: MseLossOptions,
): LossValueAndGrad {
  return lossValueAndGrad(MSE, [input, target], options, 2);
}
