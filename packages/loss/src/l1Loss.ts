import { defineOptions } from '@dl/internal';
import { abs, sign, sub, type Tensor } from '@dl/tensor';
import { type LossValueAndGrad, lossValue, lossValueAndGrad, type PlainFloat, type Reduction } from './_core';
import { pointwiseSpec } from './_pointwise';

/** Options of {@link l1Loss}. */
export interface L1LossOptions {
  /**
   * `'mean'` over all elements, `'sum'`, or `'none'` (per-element values).
   * @defaultValue 'mean'
   */
  reduction?: Reduction;
}

const L1 = /* @__PURE__ */ pointwiseSpec(
  'l1Loss',
  /* @__PURE__ */ defineOptions<L1LossOptions>()('l1Loss', { reduction: 'mean' }),
  (x, y) => abs(sub(x, y)),
  (x, y) => sign(sub(x, y)),
);

/**
 * Mean absolute error, `(input, target)` in PyTorch's order.
 *
 * $\ell_i = |x_i - y_i|$, reduced by mean, sum or none. Its gradient $\operatorname{sgn}(x_i - y_i)$ is 0 where
 * $x_i = y_i$ (PyTorch's subgradient). Same shape and dtype required (no broadcasting).
 *
 * @param input - predictions $x$.
 * @param target - targets $y$, same shape and dtype.
 * @param options - see {@link L1LossOptions}.
 * @returns a scalar, or a tensor of `input`'s shape for `'none'`.
 * @example
 * ```ts
 * import { tensor } from '@dl/tensor';
 * import { l1Loss } from '@dl/loss';
 * l1Loss(tensor([1, 2, 3]), tensor([1, 0, 6]), { reduction: 'sum' }).item(); // 5
 * ```
 * @see {@link https://pytorch.org/docs/1.13/generated/torch.nn.L1Loss.html | torch.nn.L1Loss}
 */
export function l1Loss(input: Tensor, target: Tensor, options?: L1LossOptions): Tensor {
  return lossValue(L1, [input, target], options);
}

/**
 * {@link l1Loss} on plain arrays: the value and the analytic gradient $s\,\operatorname{sgn}(x_i - y_i)$, by the
 * same formulas, without autograd.
 *
 * @param input - predictions (`TensorData`, `Float32Array`, `Float64Array` or a tensor).
 * @param target - targets, same shape.
 * @param options - see {@link L1LossOptions}.
 * @returns the loss and its gradient with respect to `input`.
 * @example
 * ```ts
 * import { l1LossValueAndGrad } from '@dl/loss';
 * Array.from(l1LossValueAndGrad(new Float32Array([1, 2]), new Float32Array([0, 4])).grad.data); // [0.5, -0.5]
 * ```
 */
export function l1LossValueAndGrad(
  input: PlainFloat,
  target: PlainFloat,
  options?: L1LossOptions,
): LossValueAndGrad {
  return lossValueAndGrad(L1, [input, target], options, 2);
}
