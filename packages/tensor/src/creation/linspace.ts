import { defineOptions, describe } from '@dl/internal';
import { allocZeroed } from '../memory/_pool';
import { Tensor } from '../tensor';
import { checkDType, finish, type TensorOptions } from './tensor';

/** Options of {@link linspace}. */
export interface LinspaceOptions extends TensorOptions {
  /** The number of values (a non-negative integer; required, as in PyTorch 1.13). */
  steps: number;
}

/** @internal The checker of {@link LinspaceOptions}. */
export const linspaceOptions = /* @__PURE__ */ defineOptions<LinspaceOptions>()('linspace', {
  steps: undefined,
  dtype: 'float32',
  requiresGrad: false,
});

/**
 * `steps` evenly spaced values from `start` to `end`, both included, like `torch.linspace`:
 * $x_i = \mathrm{start} + i \cdot \delta$ for $i < \lfloor \mathrm{steps}/2 \rfloor$ and
 * $x_i = \mathrm{end} - (\mathrm{steps} - 1 - i)\,\delta$ after, with
 * $\delta = (\mathrm{end} - \mathrm{start}) / (\mathrm{steps} - 1)$ (PyTorch's symmetric formula, so the last value
 * is exactly `end`).
 *
 * For float32 the arithmetic is done in float32 like PyTorch's CPU kernel; PyTorch's vectorized loop rounds
 * differently in the last bit for some elements, so values match PyTorch to within 4 float32 ulps of
 * $\max(|\mathrm{start}|, |\mathrm{end}|)$ (the tolerance the oracle test uses), and exactly at both ends.
 *
 * @param start - the first value.
 * @param end - the last value.
 * @param options - `steps` (required), dtype and `requiresGrad`; see {@link LinspaceOptions}.
 * @returns a 1-D tensor of shape `[steps]`.
 * @example
 * ```ts
 * import { linspace } from '@dl/tensor';
 * linspace(0, 1, { steps: 5 }).toArray(); // [0, 0.25, 0.5, 0.75, 1]
 * linspace(2, 3, { steps: 1 }).toArray(); // [2]
 * ```
 * @see https://pytorch.org/docs/1.13/generated/torch.linspace.html
 */
export function linspace(start: number, end: number, options: LinspaceOptions): Tensor {
  const o = linspaceOptions(options, 'linspace');
  for (const [name, v] of [
    ['start', start],
    ['end', end],
  ] as const) {
    if (typeof v !== 'number' || !Number.isFinite(v)) {
      throw new TypeError(`linspace: ${name} must be a finite number, got ${describe(v)}`);
    }
  }
  const steps = o.steps;
  if (typeof steps !== 'number' || !Number.isInteger(steps)) {
    throw new TypeError(`linspace: options.steps must be an integer, got ${describe(steps)}`);
  }
  if (steps < 0) throw new RangeError(`linspace: number of steps must be non-negative, got ${steps}`);
  checkDType('linspace', o.dtype);
  const dtype = o.dtype;
  const data = allocZeroed(dtype, steps);
  const f = dtype === 'float32' ? Math.fround : (v: number) => v;
  const s = f(start);
  const e = f(end);
  if (steps === 1) data[0] = s;
  else if (steps > 1) {
    const delta = f(f(e - s) / (steps - 1));
    const half = Math.floor(steps / 2);
    for (let i = 0; i < steps; i++) data[i] = i < half ? s + f(delta * i) : e - f(delta * (steps - i - 1));
  }
  return finish(new Tensor(data, [steps], dtype), 'linspace', options);
}
