import { finish } from '../creation/tensor';
import { allocZeroed } from '../memory/_pool';
import { fillNormal } from '../random/_draw';
import { floatDtype } from '../random/rand';
import { resolveGenerator } from '../random/randomOptions';
import { checkShape, formatShape, type Shape } from '../shape';
import { Tensor } from '../tensor';
import { householderQ } from './_householderQ';
import { gainOption, type XavierOptions, xavierOptions } from './xavierUniform';

/**
 * (Semi-)orthogonal initialization, as `torch.nn.init.orthogonal_`: the weight, viewed as a
 * $\mathrm{rows} \times \mathrm{cols}$ matrix ($\mathrm{rows} = \mathrm{shape}_0$, cols the product of the rest),
 * is $\mathrm{gain} \cdot Q$ where $Q$ comes from the QR decomposition of a standard normal matrix (of its
 * transpose when rows < cols), with columns multiplied by $\operatorname{sign}(\operatorname{diag} R)$ so the
 * distribution is uniform (Haar). Then $W^\top W = \mathrm{gain}^2 I$ (rows >= cols) or
 * $W W^\top = \mathrm{gain}^2 I$ (rows < cols).
 *
 * The QR uses Householder reflections in float64 (PyTorch calls LAPACK in float32); the result is rounded once to
 * the dtype.
 *
 * @param shape - the weight's shape (rank at least 2).
 * @param options - `gain`, the generator (or seed), dtype, `requiresGrad`; see {@link XavierOptions}.
 * @returns a new tensor.
 * @example
 * ```ts
 * import { orthogonal } from '@dl/tensor';
 * const w = orthogonal([2, 2], { seed: 3 });
 * const [a, b, c, d] = w.data;
 * Math.abs(a * b + c * d) < 1e-6; // true
 * ```
 * @see https://pytorch.org/docs/1.13/nn.init.html#torch.nn.init.orthogonal_
 */
export function orthogonal(shape: Shape, options: XavierOptions = {}): Tensor {
  options = xavierOptions(options, 'orthogonal');
  const fn = 'orthogonal';
  const s = checkShape(fn, 'shape', shape);
  if (s.length < 2) {
    throw new RangeError(`${fn}: only shapes with 2 or more dimensions are supported, got ${formatShape(s)}`);
  }
  const dtype = floatDtype(fn, options.dtype);
  const gain = gainOption(fn, options.gain);
  const g = resolveGenerator(fn, options);
  const size = s.reduce((a, b) => a * b, 1);
  const out = allocZeroed(dtype, size);
  if (size > 0) {
    const rows = s[0]!;
    const cols = size / rows;
    const flat = new Float64Array(size);
    fillNormal(g, flat, 0, 1);
    if (rows >= cols) {
      const q = householderQ(flat, rows, cols);
      for (let i = 0; i < size; i++) out[i] = gain * q[i]!;
    } else {
      // QR of the transpose (cols x rows), then transpose back. The normal matrix is rows x cols as drawn.
      const t = new Float64Array(size);
      for (let i = 0; i < rows; i++) for (let j = 0; j < cols; j++) t[j * rows + i] = flat[i * cols + j]!;
      const q = householderQ(t, cols, rows);
      for (let i = 0; i < rows; i++)
        for (let j = 0; j < cols; j++) out[i * cols + j] = gain * q[j * rows + i]!;
    }
  }
  return finish(new Tensor(out, s, dtype), fn, options);
}
