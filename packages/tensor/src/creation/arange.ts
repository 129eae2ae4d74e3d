import { defineOptions, describe } from '@dl/internal';
import { allocUninit } from '../memory/_pool';
import { Tensor } from '../tensor';
import { checkDType, finish, type TensorOptions } from './tensor';

/** Options of {@link arange}. */
export interface ArangeOptions extends TensorOptions {
  /**
   * The gap between neighbouring values (non-zero; its sign must match `end - start`).
   * @defaultValue 1
   */
  step?: number;
}

/** @internal The checker of {@link ArangeOptions}. */
export const arangeOptions = /* @__PURE__ */ defineOptions<ArangeOptions>()('arange', {
  step: 1,
  dtype: 'float32',
  requiresGrad: false,
});

/**
 * Evenly spaced values $x_i = \mathrm{start} + i \cdot \mathrm{step}$ for
 * $i = 0, \dots, \lceil (\mathrm{end} - \mathrm{start}) / \mathrm{step} \rceil - 1$ (the end is excluded), like
 * `torch.arange`, with PyTorch's length rule computed in float64.
 *
 * Values are computed in float64 and rounded once to the dtype. PyTorch's vectorized float32 kernel rounds some
 * elements differently in the last bit, so values match `torch.arange` to within 2 float32 ulps of
 * $\max(|\mathrm{start}|, |\mathrm{end}|)$ (exactly in most cases; the oracle test's tolerance); lengths match
 * exactly. The dtype defaults to float32 even for integer
 * arguments (JavaScript numbers do not say whether they are integers); pass `dtype: 'int32'` for indices.
 *
 * @param start - the first value; with one argument this is `end` and the range starts at 0.
 * @param end - the bound (excluded).
 * @param options - `step`, dtype and `requiresGrad`; see {@link ArangeOptions}.
 * @returns a 1-D tensor.
 * @example
 * ```ts
 * import { arange } from '@dl/tensor';
 * arange(4).toArray(); // [0, 1, 2, 3]
 * arange(1, 2.5, { step: 0.5 }).toArray(); // [1, 1.5, 2]
 * arange(3, 0, { step: -1, dtype: 'int32' }).toArray(); // [3, 2, 1]
 * ```
 * @see https://pytorch.org/docs/1.13/generated/torch.arange.html
 */
export function arange(start: number, end?: number, options: ArangeOptions = {}): Tensor {
  const o = arangeOptions(options, 'arange');
  if (end === undefined) {
    end = start;
    start = 0;
  }
  const step = o.step;
  for (const [name, v] of [
    ['start', start],
    ['end', end],
    ['step', step],
  ] as const) {
    if (typeof v !== 'number' || !Number.isFinite(v)) {
      throw new TypeError(`arange: ${name} must be a finite number, got ${describe(v)}`);
    }
  }
  if (step === 0) throw new RangeError('arange: step must be nonzero, got 0');
  if ((step > 0 && end < start) || (step < 0 && end > start)) {
    throw new RangeError(
      `arange: the sign of step must match end - start, got start=${start}, end=${end}, step=${step}`,
    );
  }
  const n = Math.ceil((end - start) / step) || 0; // never -0
  if (!(n <= 2 ** 31 - 1)) throw new RangeError(`arange: the result would have ${n} elements, too many`);
  checkDType('arange', o.dtype);
  const dtype = o.dtype;
  const data = allocUninit(dtype, n);
  for (let i = 0; i < n; i++) data[i] = start + i * step;
  return finish(new Tensor(data, [n], dtype), 'arange', options);
}
