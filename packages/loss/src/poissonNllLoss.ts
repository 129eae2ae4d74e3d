import { defineOptions } from '@dl/internal';
import { add, div, exp, greater, log, mul, sub, type Tensor, where } from '@dl/tensor';
import {
  checkNumber,
  type LossValueAndGrad,
  lossValue,
  lossValueAndGrad,
  type PlainFloat,
  type Reduction,
} from './_core';
import { pointwiseSpec } from './_pointwise';

/** Options of {@link poissonNllLoss}. */
export interface PoissonNllLossOptions {
  /**
   * `'mean'` over all elements, `'sum'`, or `'none'`.
   * @defaultValue 'mean'
   */
  reduction?: Reduction;
  /**
   * Whether `input` is the log of the rate ($e^{x} - y x$) or the rate itself ($x - y \ln(x + \epsilon)$).
   * @defaultValue true
   */
  logInput?: boolean;
  /**
   * Add Stirling's approximation of $\ln y!$, $y \ln y - y + \tfrac12 \ln(2\pi y)$, for targets $y > 1$.
   * @defaultValue false
   */
  full?: boolean;
  /**
   * Added to the rate inside the logarithm when `logInput` is false.
   * @defaultValue 1e-8
   */
  eps?: number;
}

/** @internal Stirling's term of ln y!, 0 where y <= 1. */
function stirling(y: Tensor): Tensor {
  const big = greater(y, 1);
  const s = where(big, y, 2);
  const term = add(sub(mul(s, log(s)), s), mul(log(mul(s, 2 * Math.PI)), 0.5));
  return where(big, term, 0);
}

const POISSON_NLL = /* @__PURE__ */ pointwiseSpec(
  'poissonNllLoss',
  /* @__PURE__ */ defineOptions<PoissonNllLossOptions>()('poissonNllLoss', {
    reduction: 'mean',
    logInput: true,
    full: false,
    eps: 1e-8,
  }),
  (x, y, o) => {
    const l = o.logInput ? sub(exp(x), mul(y, x)) : sub(x, mul(y, log(add(x, o.eps))));
    return o.full ? add(l, stirling(y)) : l;
  },
  (x, y, o) => (o.logInput ? sub(exp(x), y) : sub(1, div(y, add(x, o.eps)))),
  (o) => {
    checkNumber('poissonNllLoss', 'eps', o.eps, 0);
    for (const k of ['logInput', 'full'] as const) {
      if (typeof o[k] !== 'boolean')
        throw new TypeError(`poissonNllLoss: ${k} must be a boolean, got ${String(o[k])}`);
    }
  },
);

/**
 * Negative log-likelihood of counts under a Poisson distribution, `(input, target)` in PyTorch's order.
 *
 * $\ell_i = e^{x_i} - y_i x_i$ (`logInput`, the default: $x$ is the log-rate) or $x_i - y_i \ln(x_i +
 * \epsilon)$; with `full`, plus $y_i \ln y_i - y_i + \tfrac12\ln(2\pi y_i)$ where $y_i > 1$.
 *
 * @param input - log-rates (or rates) $x$.
 * @param target - counts $y$, same shape and dtype.
 * @param options - see {@link PoissonNllLossOptions}.
 * @returns a scalar, or a tensor of `input`'s shape for `'none'`.
 * @example
 * ```ts
 * import { tensor } from '@dl/tensor';
 * import { poissonNllLoss } from '@dl/loss';
 * poissonNllLoss(tensor([0, 0]), tensor([1, 3])).item(); // 1
 * ```
 * @see {@link https://pytorch.org/docs/1.13/generated/torch.nn.PoissonNLLLoss.html | torch.nn.PoissonNLLLoss}
 */
export function poissonNllLoss(input: Tensor, target: Tensor, options?: PoissonNllLossOptions): Tensor {
  return lossValue(POISSON_NLL, [input, target], options);
}

/**
 * {@link poissonNllLoss} on plain arrays: the value and the analytic gradient $s(e^{x_i} - y_i)$ (or
 * $s(1 - y_i/(x_i + \epsilon))$), by the same formulas, without autograd.
 *
 * @param input - log-rates (`TensorData`, `Float32Array`, `Float64Array` or a tensor).
 * @param target - counts, same shape.
 * @param options - see {@link PoissonNllLossOptions}.
 * @returns the loss and its gradient with respect to `input`.
 * @example
 * ```ts
 * import { poissonNllLossValueAndGrad } from '@dl/loss';
 * Array.from(poissonNllLossValueAndGrad(new Float32Array([0, 0]), new Float32Array([1, 3])).grad.data); // [0, -1]
 * ```
 */
export function poissonNllLossValueAndGrad(
  input: PlainFloat,
  target: PlainFloat,
  options?: PoissonNllLossOptions,
): LossValueAndGrad {
  return lossValueAndGrad(POISSON_NLL, [input, target], options, 2);
}
