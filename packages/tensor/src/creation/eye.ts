import { describe } from '@dl/internal';
import { allocZeroed } from '../memory/_pool';
import { Tensor } from '../tensor';
import { finish, readTensorOptions, type TensorOptions } from './tensor';

/**
 * The identity matrix (or an $n \times m$ matrix with ones on the main diagonal): $I_{ij} = [i = j]$.
 *
 * @param n - the number of rows (a non-negative integer).
 * @param m - the number of columns (defaults to `n`), or the options when omitted.
 * @param options - dtype (default `'float32'`) and `requiresGrad`; see {@link TensorOptions}.
 * @returns an `[n, m]` tensor.
 * @example
 * ```ts
 * import { eye } from '@dl/tensor';
 * eye(2).toArray(); // [[1, 0], [0, 1]]
 * eye(2, 3).toArray(); // [[1, 0, 0], [0, 1, 0]]
 * ```
 * @see https://pytorch.org/docs/1.13/generated/torch.eye.html
 */
export function eye(n: number, m?: number | TensorOptions, options: TensorOptions = {}): Tensor {
  if (typeof m === 'object' && m !== null) {
    options = m;
    m = undefined;
  }
  options = readTensorOptions(options, 'eye');
  const cols = m ?? n;
  for (const [name, v] of [
    ['n', n],
    ['m', cols],
  ] as const) {
    if (typeof v !== 'number' || !Number.isInteger(v)) {
      throw new TypeError(`eye: ${name} must be a non-negative integer, got ${describe(v)}`);
    }
    if (v < 0) throw new RangeError(`eye: ${name} must be greater or equal to 0, got ${v}`);
  }
  if (n * cols > 2 ** 31 - 1) {
    throw new RangeError(`eye: the result would have ${n * cols} elements (n = ${n}, m = ${cols}), too many`);
  }
  const dtype = options.dtype ?? 'float32';
  const data = allocZeroed(dtype, n * cols);
  const k = Math.min(n, cols);
  for (let i = 0; i < k; i++) data[i * cols + i] = 1;
  return finish(new Tensor(data, [n, cols], dtype), 'eye', options);
}
