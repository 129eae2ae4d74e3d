import { SAVES_NONE } from '../autograd/node';
import { record } from '../autograd/record';
import { dispatch, onDevice } from '../dispatch';
import { permuteKernel } from '../kernels/permute';
import { Tensor } from '../tensor';
import { checkTensor } from './_check';
import { reshape } from './reshape';

/** @internal Validates a permutation of `rank` axes (negative axes allowed) and returns it normalized. */
function checkPermutation(fn: string, axes: unknown, rank: number): number[] {
  const bad = () =>
    new RangeError(
      `${fn}: axes must be a permutation of the ${rank} axes of the input (negative allowed), got ${
        Array.isArray(axes) ? `[${axes.map(String).join(', ')}]` : String(axes)
      }`,
    );
  if (!Array.isArray(axes) || axes.length !== rank) throw bad();
  const seen = new Array<boolean>(rank).fill(false);
  return axes.map((a) => {
    if (typeof a !== 'number' || !Number.isInteger(a) || a < -rank || a >= rank) throw bad();
    const k = a < 0 ? a + rank : a;
    if (seen[k]) throw bad();
    seen[k] = true;
    return k;
  });
}

/**
 * Permutes the axes of `x`: output axis `i` is input axis `axes[i]`. Without `axes` the axes are reversed (a
 * matrix is transposed). The result is a copy in the new row-major order (an identity permutation shares `x`'s
 * data). {@link permute} is the same operation with required axes, under PyTorch's name.
 *
 * $y_{i_{a_0} \ldots i_{a_{n-1}}} = x_{i_0 \ldots i_{n-1}}$; the gradient is the inverse permutation of $g$.
 *
 * @param x - the input.
 * @param axes - a permutation of `0..rank-1` (negative axes count from the end).
 *   Default: the axes reversed, `[rank-1, ..., 0]`.
 * @returns the permuted tensor.
 * @example
 * ```ts
 * import { tensor, transpose } from '@dl/tensor';
 * transpose(tensor([[1, 2, 3], [4, 5, 6]])).toArray(); // [[1, 4], [2, 5], [3, 6]]
 * transpose(tensor([[[1, 2]]]), [2, 0, 1]).shape; // [2, 1, 1]
 * ```
 * @see {@link https://pytorch.org/docs/1.13/generated/torch.permute.html | torch.permute},
 *   {@link https://numpy.org/doc/stable/reference/generated/numpy.transpose.html | numpy.transpose}
 */
export function transpose(x: Tensor, axes?: readonly number[]): Tensor {
  return transposeAs('transpose', x, axes);
}

/** @internal {@link transpose} reporting errors under `fn` (`permute` calls it). */
export function transposeAs(fn: string, x: Tensor, axes?: readonly number[]): Tensor {
  checkTensor(fn, 'x', x);
  const rank = x.rank;
  const perm =
    axes === undefined
      ? Array.from({ length: rank }, (_, i) => rank - 1 - i)
      : checkPermutation(fn, axes, rank);
  let identity = true;
  for (let i = 0; i < rank; i++) if (perm[i] !== i) identity = false;
  if (identity) return reshape(x, x.shape);
  const shape = perm.map((p) => x.shape[p]!);
  const out = onDevice(x)
    ? dispatch(fn, 'transpose', [x], ['x'], { perm }, () => transposeAs(fn, x, perm).detach())
    : new Tensor(permuteKernel(x.data, x.shape, perm, x.dtype), shape, x.dtype);
  const inverse = new Array<number>(rank);
  for (let i = 0; i < rank; i++) inverse[perm[i]!] = i;
  return record('transpose', out, [x], (g) => [transpose(g, inverse)], SAVES_NONE);
}
