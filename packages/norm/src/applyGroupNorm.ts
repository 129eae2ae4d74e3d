import { defineOptions } from '@dl/internal';
import { add, mean, mul, reshape, rsqrt, sub, type Tensor, variance } from '@dl/tensor';
import { checkCount, checkFloatTensor, checkOptionalParam, checkPositive, shapeOf } from './internal/checks';

/** Options of {@link applyGroupNorm}. */
export interface ApplyGroupNormOptions {
  /**
   * The per-channel scale $\gamma$, shape `[C]`; `null` for none.
   * @defaultValue null
   */
  weight?: Tensor | null;
  /**
   * The per-channel shift $\beta$, shape `[C]`; `null` for none.
   * @defaultValue null
   */
  bias?: Tensor | null;
  /**
   * Added to the variance inside the square root.
   * @defaultValue 1e-5
   */
  eps?: number;
}

const groupNormOptions = /* @__PURE__ */ defineOptions<ApplyGroupNormOptions>()('applyGroupNorm', {
  weight: null,
  bias: null,
  eps: 1e-5,
});

/** @internal Checks that `numGroups` divides `channels`. */
export function checkGroups(fn: string, numGroups: unknown, channels: number): number {
  const g = checkCount(fn, 'numGroups', numGroups);
  if (channels % g !== 0) {
    throw new RangeError(
      `${fn}: numGroups = ${g} must divide the number of channels, got ${channels} channels (PyTorch's error)`,
    );
  }
  return g;
}

/** @internal The checked core of group normalization, shared with the layer. */
export function groupNormCore(
  fn: string,
  x: Tensor,
  numGroups: unknown,
  o: Required<ApplyGroupNormOptions>,
): Tensor {
  if (x.rank < 2) {
    throw new RangeError(
      `${fn}: x must have at least 2 dimensions [N, C, ...], got shape ${shapeOf(x.shape)}`,
    );
  }
  const c = x.shape[1]!;
  const g = checkGroups(fn, numGroups, c);
  const perChannel = `one per channel, C = ${c}`;
  const w = checkOptionalParam(fn, 'weight', o.weight, [c], perChannel);
  const b = checkOptionalParam(fn, 'bias', o.bias, [c], perChannel);
  const eps = checkPositive(fn, 'eps', o.eps);
  const n = x.shape[0]!;
  const grouped = reshape(x, [n, g, x.size / Math.max(n * g, 1)]);
  const mu = mean(grouped, { axis: 2, keepDims: true });
  const v = variance(grouped, { axis: 2, keepDims: true, correction: 0 });
  let y = reshape(mul(sub(grouped, mu), rsqrt(add(v, eps))), x.shape);
  const bshape = x.shape.map((d, i) => (i === 1 ? d : 1));
  if (w !== null) y = mul(y, reshape(w, bshape));
  if (b !== null) y = add(y, reshape(b, bshape));
  return y;
}

/**
 * Group normalization as a pure function (PyTorch's `F.group_norm`), under {@link GroupNorm}: the $C$ channels
 * are split into `numGroups` groups of $C/G$ consecutive channels, and each (sample, group) is normalized over
 * its channels and positions,
 * $$y_{nc\cdot} = \gamma_c \frac{x_{nc\cdot} - \mu_{ng}}{\sqrt{\sigma_{ng}^2 + \epsilon}} + \beta_c.$$
 * Independent of the batch size; `numGroups = 1` is layer norm over `[C, ...]`, `numGroups = C` instance norm.
 *
 * @param x - input `[N, C, ...]`.
 * @param numGroups - $G$, a divisor of $C$.
 * @param options - see {@link ApplyGroupNormOptions}.
 * @returns the normalized tensor.
 * @example
 * ```ts
 * import { tensor } from '@dl/tensor';
 * import { applyGroupNorm } from '@dl/norm';
 * applyGroupNorm(tensor([[1, 3, 7, 7]]), 2).toArray(); // [[-0.999995, 0.999995, 0, 0]]
 * ```
 * @see https://pytorch.org/docs/1.13/generated/torch.nn.GroupNorm.html
 */
export function applyGroupNorm(x: Tensor, numGroups: number, options?: ApplyGroupNormOptions): Tensor {
  const fn = 'applyGroupNorm';
  const o = groupNormOptions(options);
  return groupNormCore(fn, checkFloatTensor(fn, 'x', x), numGroups, o as Required<ApplyGroupNormOptions>);
}
