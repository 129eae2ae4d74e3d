import { defineOptions } from '@dl/internal';
import { add, div, log, mul, reshape, square, sub, type Tensor } from '@dl/tensor';
import {
  checkFloat,
  checkNumber,
  checkReduction,
  checkSame,
  constant,
  type LossSpec,
  type LossValueAndGrad,
  lossValue,
  lossValueAndGrad,
  type PlainFloat,
  type Reduction,
  reduce,
  sameShape,
  seedOf,
  shapeText,
} from './_core';

/** Options of {@link gaussianNllLoss}. */
export interface GaussianNllLossOptions {
  /**
   * `'mean'` over all elements, `'sum'`, or `'none'`.
   * @defaultValue 'mean'
   */
  reduction?: Reduction;
  /**
   * Add the constant $\tfrac12 \ln 2\pi$.
   * @defaultValue false
   */
  full?: boolean;
  /**
   * The variance is clamped to at least `eps` for stability; as in PyTorch the clamp passes the gradient
   * through unchanged.
   * @defaultValue 1e-6
   */
  eps?: number;
}

const FN = 'gaussianNllLoss';
const readOptions = defineOptions<GaussianNllLossOptions>()(FN, {
  reduction: 'mean',
  full: false,
  eps: 1e-6,
});

interface Resolved {
  reduction: string;
  full: boolean;
  /** var clamped to eps, with var's gradient (straight through the clamp). */
  variance: Tensor;
}

const GAUSSIAN_NLL: LossSpec<Resolved> = {
  fn: FN,
  prepare(args, options) {
    const x = checkFloat(FN, 'input', args[0]);
    const y = checkSame(FN, 'target', args[1], x);
    const v0 = checkFloat(FN, 'var', args[2]);
    const r = readOptions(options);
    const reduction = checkReduction(FN, r.reduction, ['none', 'mean', 'sum']);
    const eps = checkNumber(FN, 'eps', r.eps, 0, Number.POSITIVE_INFINITY, true);
    if (typeof r.full !== 'boolean')
      throw new TypeError(`${FN}: full must be a boolean, got ${String(r.full)}`);
    if (v0.dtype !== x.dtype) {
      throw new TypeError(
        `${FN}: var has dtype ${v0.dtype}, expected input's dtype ${x.dtype}; convert it with cast() first`,
      );
    }
    const lead = x.shape.slice(0, -1);
    let v = v0;
    if (!sameShape(v0.shape, x.shape)) {
      if (sameShape(v0.shape, lead)) v = reshape(v0, [...lead, 1]);
      else if (!(sameShape(v0.shape.slice(0, -1), lead) && v0.shape[v0.rank - 1] === 1)) {
        throw new RangeError(
          `${FN}: var has shape ${shapeText(v0.shape)}, expected input's shape ${shapeText(x.shape)}, ${shapeText(lead)} or ${shapeText([...lead, 1])}`,
        );
      }
    }
    const clamped = new Float64Array(v.size);
    for (let i = 0; i < v.size; i++) {
      const s = v.data[i]!;
      if (!(s >= 0)) throw new RangeError(`${FN}: var must be non-negative, got ${s} at index ${i}`);
      clamped[i] = Math.max(s, eps);
    }
    // clamped + (v − v): the clamped value exactly, and v's gradient unchanged (PyTorch clamps under no_grad).
    const variance = add(constant(clamped, v.shape, x.dtype), sub(v, v.detach()));
    return { args: [x, y, v0], o: { reduction, full: r.full, variance } };
  },
  value([x, y], o) {
    const l = mul(add(log(o.variance), div(square(sub(x!, y!)), o.variance)), 0.5);
    return reduce(o.full ? add(l, 0.5 * Math.log(2 * Math.PI)) : l, o.reduction);
  },
  inputGrad: ([x, y], o, g) => mul(seedOf(g, o.reduction, x!.shape), div(sub(x!, y!), o.variance)),
};

/**
 * Negative log-likelihood of targets under Gaussians with predicted means and variances, `(input, target, var)`
 * in PyTorch's order.
 *
 * $\ell_i = \tfrac12\big(\ln \max(\sigma_i^2, \epsilon) + (x_i - y_i)^2 / \max(\sigma_i^2, \epsilon)\big)$
 * (+ $\tfrac12 \ln 2\pi$ with `full`). `var` has `input`'s shape (one variance per element), or one fewer
 * trailing dimension, or a trailing 1 (one variance per row); negative variances are an error.
 *
 * @param input - means $x$.
 * @param target - targets $y$, same shape and dtype.
 * @param variance - variances $\sigma^2 \ge 0$.
 * @param options - see {@link GaussianNllLossOptions}.
 * @returns a scalar, or a tensor of `input`'s shape for `'none'`.
 * @example
 * ```ts
 * import { tensor } from '@dl/tensor';
 * import { gaussianNllLoss } from '@dl/loss';
 * gaussianNllLoss(tensor([0, 1]), tensor([1, 1]), tensor([1, 1])).item(); // 0.25
 * ```
 * @see {@link https://pytorch.org/docs/1.13/generated/torch.nn.GaussianNLLLoss.html | torch.nn.GaussianNLLLoss}
 */
export function gaussianNllLoss(
  input: Tensor,
  target: Tensor,
  variance: Tensor,
  options?: GaussianNllLossOptions,
): Tensor {
  return lossValue(GAUSSIAN_NLL, [input, target, variance], options);
}

/**
 * {@link gaussianNllLoss} on plain arrays: the value and the analytic gradient with respect to the means,
 * $s\,(x_i - y_i)/\max(\sigma_i^2, \epsilon)$, by the same formulas, without autograd.
 *
 * @param input - means (`TensorData`, `Float32Array`, `Float64Array` or a tensor).
 * @param target - targets, same shape.
 * @param variance - variances.
 * @param options - see {@link GaussianNllLossOptions}.
 * @returns the loss and its gradient with respect to `input`.
 * @example
 * ```ts
 * import { gaussianNllLossValueAndGrad } from '@dl/loss';
 * const r = gaussianNllLossValueAndGrad(new Float32Array([0, 1]), new Float32Array([1, 1]), new Float32Array([2, 2]));
 * Array.from(r.grad.data); // [-0.25, 0]
 * ```
 */
export function gaussianNllLossValueAndGrad(
  input: PlainFloat,
  target: PlainFloat,
  variance: PlainFloat,
  options?: GaussianNllLossOptions,
): LossValueAndGrad {
  return lossValueAndGrad(GAUSSIAN_NLL, [input, target, variance], options, 3);
}
