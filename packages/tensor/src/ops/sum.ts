import { defineOptions, describe } from '@dl/internal';
import { noGrad } from '../autograd/gradMode';
import { SAVES_NONE } from '../autograd/node';
import { record } from '../autograd/record';
import { dispatch, onDevice } from '../dispatch';
import { reduceLayout, sumLayout } from '../kernels/reduceAxes';
import { allocUninit } from '../memory/_pool';
import { normalizeAxes } from '../shape';
import { Tensor } from '../tensor';
import { broadcastTo } from './broadcastTo';
import { reshape } from './reshape';

/** Options of reductions such as {@link sum}. */
export interface ReduceOptions {
  /**
   * The axes to reduce (negative counts from the end); all axes when omitted.
   * @defaultValue all axes
   */
  axis?: number | readonly number[];
  /**
   * Keep each reduced axis as a dimension of size 1.
   * @defaultValue false
   */
  keepDims?: boolean;
}

/**
 * @internal The checker of {@link ReduceOptions}, shared by every reduction. A bare number or array in the options
 * position is the axis, like PyTorch's `dim` (`sum(x, 1)`, `sum(x, [0, 1])`).
 */
export const reduceOptions = /* @__PURE__ */ defineOptions<ReduceOptions>()(
  'sum',
  { axis: undefined, keepDims: false },
  { positional: 'axis', positionalArray: true },
);

/**
 * Sum of elements over `axis` (all axes by default), accumulated in float64 and rounded once to the dtype.
 *
 * $\operatorname{sum}(x)_j = \sum_i x_{ij}$
 *
 * @param x - the input.
 * @param options - `axis` and `keepDims`; see {@link ReduceOptions}.
 * @returns the reduced tensor.
 * @example
 * ```ts
 * import { sum, tensor } from '@dl/tensor';
 * const x = tensor([[1, 2], [3, 4]]);
 * sum(x).item(); // 10
 * sum(x, { axis: 0 }).toArray(); // [4, 6]
 * ```
 */
export function sum(x: Tensor, options: ReduceOptions | number | readonly number[] = {}): Tensor {
  const o = reduceOptions(options, 'sum');
  if (!(x instanceof Tensor)) throw new TypeError(`sum: x must be a Tensor, got ${describe(x)}`);
  const axes = normalizeAxes('sum', o.axis, x.rank);
  if (onDevice(x))
    return reduceOnDevice('sum', x, axes, o.keepDims, () => sum(x, { axis: axes, keepDims: o.keepDims }));
  const layout = reduceLayout(x, axes);
  const sums = sumLayout(layout);
  const data = allocUninit(x.dtype, sums.length);
  data.set(sums);
  const keepShape = layout.keepShape;
  const outShape = o.keepDims ? keepShape : x.shape.filter((_, i) => !axes.includes(i));
  const out = new Tensor(data, outShape, x.dtype);
  return record('sum', out, [x], (g) => [broadcastTo(reshape(g, keepShape), x.shape)], SAVES_NONE);
}

/**
 * @internal A reduction of a device tensor over `axes` (device kernel `fn`: `sum` or `mean`), recorded with the
 * gradient of {@link sum}, passed through `scale` with the count (`mean`'s division, as its CPU backward does it).
 * `cpu` computes it on the CPU (fallback).
 */
export function reduceOnDevice(
  fn: 'sum' | 'mean',
  x: Tensor,
  axes: number[],
  keepDims: boolean,
  cpu: () => Tensor,
  scale?: (back: Tensor, n: number) => Tensor,
): Tensor {
  const keepShape = x.shape.map((d, i) => (axes.includes(i) ? 1 : d));
  let n = 1;
  for (const a of axes) n *= x.shape[a]!;
  // on a device whose memory the CPU reads in place (the wasm device): the CPU sums written straight into the
  // result's device memory, rounded as on the CPU
  const direct =
    x.dtype === 'float32'
      ? () => ({
          shape: keepDims ? keepShape : x.shape.filter((_, i) => !axes.includes(i)),
          kernel: (o: Float32Array) => {
            const sums = sumLayout(reduceLayout(x, axes));
            if (fn === 'sum') o.set(sums);
            else for (let i = 0; i < sums.length; i++) o[i] = sums[i]! / n;
          },
        })
      : undefined;
  const out = dispatch(fn, fn, [x], ['x'], { axes, keepDims }, () => noGrad(cpu), direct);
  return record(
    fn,
    out,
    [x],
    (g) => {
      const back = broadcastTo(reshape(g, keepShape), x.shape);
      return [scale === undefined ? back : scale(back, n)];
    },
    SAVES_NONE,
  );
}
