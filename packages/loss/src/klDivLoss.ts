import { defineOptions } from '@dl/internal';
import { exp, greater, log, mul, neg, sub, type Tensor, where } from '@dl/tensor';
import { type LossValueAndGrad, lossValue, lossValueAndGrad, type PlainFloat } from './_core';
import { pointwiseSpec } from './_pointwise';

/** Options of {@link klDivLoss}. */
export interface KlDivLossOptions {
  /**
   * `'mean'` over all elements (as PyTorch; not the KL divergence), `'batchmean'` (the sum divided by the batch
   * size $N$: the KL divergence per example, what is usually meant), `'sum'` or `'none'`.
   * @defaultValue 'mean'
   */
  reduction?: 'none' | 'mean' | 'sum' | 'batchmean';
  /**
   * Whether `target` holds log-probabilities instead of probabilities.
   * @defaultValue false
   */
  logTarget?: boolean;
}

/** @internal t · ln t with 0 · ln 0 = 0 (torch.xlogy(t, t)). */
function xlogx(t: Tensor): Tensor {
  const positive = greater(t, 0);
  return where(positive, mul(t, log(where(positive, t, 1))), 0);
}

const KL_DIV = /* @__PURE__ */ pointwiseSpec(
  'klDivLoss',
  /* @__PURE__ */ defineOptions<KlDivLossOptions>()('klDivLoss', { reduction: 'mean', logTarget: false }),
  (x, y, o) => (o.logTarget ? mul(exp(y), sub(y, x)) : sub(xlogx(y), mul(y, x))),
  (_x, y, o) => neg(o.logTarget ? exp(y) : y),
  (o) => {
    if (typeof o.logTarget !== 'boolean') {
      throw new TypeError(`klDivLoss: logTarget must be a boolean, got ${String(o.logTarget)}`);
    }
  },
  ['none', 'mean', 'sum', 'batchmean'],
);

/**
 * Kullback-Leibler divergence of a target distribution from predicted log-probabilities, `(input, target)` in
 * PyTorch's order (note: `input` holds LOG-probabilities, e.g. from `logSoftmax`).
 *
 * $\ell_i = y_i(\ln y_i - x_i)$ with $0 \ln 0 = 0$, or $e^{y_i}(y_i - x_i)$ when `logTarget`. Use
 * `reduction: 'batchmean'` for the divergence per example; `'mean'` (PyTorch's default) divides by the number of
 * elements.
 *
 * @param input - log-probabilities $x$.
 * @param target - probabilities $y$ (or log-probabilities with `logTarget`), same shape and dtype.
 * @param options - see {@link KlDivLossOptions}.
 * @returns a scalar, or a tensor of `input`'s shape for `'none'`.
 * @example
 * ```ts
 * import { log, tensor } from '@dl/tensor';
 * import { klDivLoss } from '@dl/loss';
 * const p = tensor([[0.5, 0.5]], { dtype: 'float64' });
 * klDivLoss(log(tensor([[0.25, 0.75]], { dtype: 'float64' })), p, { reduction: 'batchmean' }).item(); // 0.14384103622589045
 * ```
 * @see {@link https://pytorch.org/docs/1.13/generated/torch.nn.KLDivLoss.html | torch.nn.KLDivLoss}
 */
export function klDivLoss(input: Tensor, target: Tensor, options?: KlDivLossOptions): Tensor {
  return lossValue(KL_DIV, [input, target], options);
}

/**
 * {@link klDivLoss} on plain arrays: the value and the analytic gradient $-s\,y_i$ (or $-s\,e^{y_i}$), by the
 * same formulas, without autograd.
 *
 * @param input - log-probabilities (`TensorData`, `Float32Array`, `Float64Array` or a tensor).
 * @param target - probabilities, same shape.
 * @param options - see {@link KlDivLossOptions}.
 * @returns the loss and its gradient with respect to `input`.
 * @example
 * ```ts
 * import { klDivLossValueAndGrad } from '@dl/loss';
 * const r = klDivLossValueAndGrad(new Float32Array([-1, -1]), new Float32Array([0.5, 0.5]), { reduction: 'sum' });
 * Array.from(r.grad.data); // [-0.5, -0.5]
 * ```
 */
export function klDivLossValueAndGrad(
  input: PlainFloat,
  target: PlainFloat,
  options?: KlDivLossOptions,
): LossValueAndGrad {
  return lossValueAndGrad(KL_DIV, [input, target], options, 2);
}
