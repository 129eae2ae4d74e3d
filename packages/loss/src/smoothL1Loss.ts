import { defineOptions } from '@dl/internal';
import { abs, clip, div, sign, sub, type Tensor } from '@dl/tensor';
import {
  checkNumber,
  type LossValueAndGrad,
  lossValue,
  lossValueAndGrad,
  type PlainFloat,
  type Reduction,
} from './_core';
import { pointwiseSpec } from './_pointwise';
import { huber } from './huberLoss';

/** Options of {@link smoothL1Loss}. */
export interface SmoothL1LossOptions {
  /**
   * `'mean'` over all elements, `'sum'`, or `'none'` (per-element values).
   * @defaultValue 'mean'
   */
  reduction?: Reduction;
  /**
   * Where the loss turns from quadratic to linear (>= 0; 0 gives the L1 loss).
   * @defaultValue 1
   */
  beta?: number;
}

const SMOOTH_L1 = /* @__PURE__ */ pointwiseSpec(
  'smoothL1Loss',
  /* @__PURE__ */ defineOptions<SmoothL1LossOptions>()('smoothL1Loss', { reduction: 'mean', beta: 1 }),
  (x, y, o) => (o.beta === 0 ? abs(sub(x, y)) : div(huber(sub(x, y), o.beta), o.beta)),
  (x, y, o) => (o.beta === 0 ? sign(sub(x, y)) : div(clip(sub(x, y), { min: -o.beta, max: o.beta }), o.beta)),
  (o) => checkNumber('smoothL1Loss', 'beta', o.beta, 0),
);

/**
 * Smooth L1 loss, `(input, target)` in PyTorch's order: the Huber loss divided by its threshold, so that the
 * linear part has slope 1 whatever $\beta$.
 *
 * With $d_i = x_i - y_i$: $\ell_i = \tfrac{1}{2\beta} d_i^2$ if $|d_i| < \beta$, else $|d_i| - \tfrac12\beta$
 * (and $|d_i|$ when $\beta = 0$). Reduced by mean, sum or none.
 *
 * @param input - predictions $x$.
 * @param target - targets $y$, same shape and dtype.
 * @param options - see {@link SmoothL1LossOptions}.
 * @returns a scalar, or a tensor of `input`'s shape for `'none'`.
 * @example
 * ```ts
 * import { tensor } from '@dl/tensor';
 * import { smoothL1Loss } from '@dl/loss';
 * smoothL1Loss(tensor([0.5, 3]), tensor([0, 0]), { reduction: 'none', beta: 2 }).toArray(); // [0.0625, 2]
 * ```
 * @see {@link https://pytorch.org/docs/1.13/generated/torch.nn.SmoothL1Loss.html | torch.nn.SmoothL1Loss}
 */
export function smoothL1Loss(input: Tensor, target: Tensor, options?: SmoothL1LossOptions): Tensor {
  return lossValue(SMOOTH_L1, [input, target], options);
}

/**
 * {@link smoothL1Loss} on plain arrays: the value and the analytic gradient $s\,\operatorname{clip}(d_i, -\beta,
 * \beta)/\beta$, by the same formulas, without autograd.
 *
 * @param input - predictions (`TensorData`, `Float32Array`, `Float64Array` or a tensor).
 * @param target - targets, same shape.
 * @param options - see {@link SmoothL1LossOptions}.
 * @returns the loss and its gradient with respect to `input`.
 * @example
 * ```ts
 * import { smoothL1LossValueAndGrad } from '@dl/loss';
 * smoothL1LossValueAndGrad(new Float32Array([0.5, 3]), new Float32Array([0, 0])).value; // 1.3125
 * ```
 */
export function smoothL1LossValueAndGrad(
  input: PlainFloat,
  target: PlainFloat,
  options?: SmoothL1LossOptions,
): LossValueAndGrad {
  return lossValueAndGrad(SMOOTH_L1, [input, target], options, 2);
}
