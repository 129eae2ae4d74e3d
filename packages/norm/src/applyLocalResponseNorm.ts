import { defineOptions } from '@dl/internal';
import { add, div, mul, pad, pow, reshape, slice, square, type Tensor } from '@dl/tensor';
import { checkCount, checkFloatTensor, checkPositive, shapeOf } from './internal/checks';

/** Options of {@link applyLocalResponseNorm}. */
export interface ApplyLocalResponseNormOptions {
  /**
   * The multiplicative factor $\alpha$.
   * @defaultValue 1e-4
   */
  alpha?: number;
  /**
   * The exponent $\beta$.
   * @defaultValue 0.75
   */
  beta?: number;
  /**
   * The additive constant $k$.
   * @defaultValue 1
   */
  k?: number;
}

const lrnOptions = /* @__PURE__ */ defineOptions<ApplyLocalResponseNormOptions>()('applyLocalResponseNorm', {
  alpha: 1e-4,
  beta: 0.75,
  k: 1,
});

/** @internal The checked core of local response normalization, shared with the layer. */
export function localResponseNormCore(
  fn: string,
  x: Tensor,
  size: unknown,
  o: Required<ApplyLocalResponseNormOptions>,
): Tensor {
  const n = checkCount(fn, 'size', size);
  if (x.rank < 3) {
    throw new RangeError(
      `${fn}: x must have at least 3 dimensions [N, C, ...], got shape ${shapeOf(x.shape)}`,
    );
  }
  const alpha = o.alpha;
  if (typeof alpha !== 'number' || !Number.isFinite(alpha)) {
    throw new RangeError(`${fn}: alpha must be a finite number, got ${String(alpha)}`);
  }
  const beta = checkPositive(fn, 'beta', o.beta);
  const k = checkPositive(fn, 'k', o.k);
  const [batch, c] = x.shape as [number, number];
  const flat = reshape(square(x), [batch, c, x.size / Math.max(batch * c, 1)]);
  // Zero-pad the channel axis by floor(n/2) before and floor((n-1)/2) after, then average n neighbours.
  const padded = pad(flat, [0, 0, Math.floor(n / 2), Math.floor((n - 1) / 2)]);
  let total = slice(padded, [null, [0, c]]);
  for (let i = 1; i < n; i++) total = add(total, slice(padded, [null, [i, i + c]]));
  const denom = pow(add(mul(total, alpha / n), k), beta);
  return div(x, reshape(denom, x.shape));
}

/**
 * Local response normalization across channels (AlexNet; PyTorch's `F.local_response_norm`), under
 * {@link LocalResponseNorm}:
 * $$y_c = x_c \left(k + \frac{\alpha}{n} \sum_{c' = c - \lfloor n/2 \rfloor}^{c + \lfloor (n-1)/2 \rfloor} x_{c'}^2\right)^{-\beta}$$
 * with channels outside $[0, C)$ counted as zeros (the sum is always divided by $n$).
 *
 * @param x - input `[N, C, ...]` (rank ≥ 3).
 * @param size - the number $n$ of neighbouring channels.
 * @param options - see {@link ApplyLocalResponseNormOptions}.
 * @returns the normalized tensor.
 * @example
 * ```ts
 * import { tensor } from '@dl/tensor';
 * import { applyLocalResponseNorm } from '@dl/norm';
 * applyLocalResponseNorm(tensor([[[2], [0]]]), 2, { alpha: 1, beta: 1, k: 1 }).toArray(); // [[[0.6666667], [0]]]
 * ```
 * @see https://pytorch.org/docs/1.13/generated/torch.nn.LocalResponseNorm.html
 */
export function applyLocalResponseNorm(
  x: Tensor,
  size: number,
  options?: ApplyLocalResponseNormOptions,
): Tensor {
  const fn = 'applyLocalResponseNorm';
  const o = lrnOptions(options);
  return localResponseNormCore(
    fn,
    checkFloatTensor(fn, 'x', x),
    size,
    o as Required<ApplyLocalResponseNormOptions>,
  );
}
