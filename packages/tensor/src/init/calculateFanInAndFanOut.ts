import { checkShape, formatShape, type Shape } from '../shape';

/** The result of {@link calculateFanInAndFanOut}. */
export interface FanInAndFanOut {
  /** Inputs feeding each output unit: $\mathrm{shape}_1 \cdot r$. */
  fanIn: number;
  /** Outputs fed by each input unit: $\mathrm{shape}_0 \cdot r$. */
  fanOut: number;
}

/**
 * Fan-in and fan-out of a weight of the given shape, as PyTorch's `_calculate_fan_in_and_fan_out`: with
 * receptive field $r = \prod_{k \ge 2} \mathrm{shape}_k$, $\mathrm{fanIn} = \mathrm{shape}_1 \cdot r$ and
 * $\mathrm{fanOut} = \mathrm{shape}_0 \cdot r$ (a Linear weight is `[out, in]`, a convolution's
 * `[out, in, ...kernel]`).
 *
 * @param shape - a shape of rank at least 2.
 * @returns `{ fanIn, fanOut }`.
 * @example
 * ```ts
 * import { calculateFanInAndFanOut } from '@dl/tensor';
 * calculateFanInAndFanOut([64, 3, 5, 5]); // { fanIn: 75, fanOut: 1600 }
 * ```
 * @see https://pytorch.org/docs/1.13/nn.init.html
 */
export function calculateFanInAndFanOut(shape: Shape): FanInAndFanOut {
  const s = checkShape('calculateFanInAndFanOut', 'shape', shape);
  if (s.length < 2) {
    throw new RangeError(
      `calculateFanInAndFanOut: fan in and fan out can not be computed for a shape with fewer than 2 dimensions, got ${formatShape(s)}`,
    );
  }
  let receptive = 1;
  for (let i = 2; i < s.length; i++) receptive *= s[i]!;
  return { fanIn: s[1]! * receptive, fanOut: s[0]! * receptive };
}
