import { badArgument } from '@dl/internal';
import { SAVES_NONE } from '../autograd/node';
import { record } from '../autograd/record';
import { dispatch, onDevice } from '../dispatch';
import { broadcastStrides } from '../kernels/binary';
import { allocUninit } from '../memory/_pool';
import { broadcastShapes, formatShape, type Shape, shapesEqual, sizeOf } from '../shape';
import { Tensor } from '../tensor';
import { checkTensor } from './_check';
import { sumTo } from './sumTo';

/**
 * Repeats `x` along broadcast dimensions to `shape` (NumPy rules: dimensions of size 1, or missing on the
 * left, are repeated).
 *
 * @param x - the input.
 * @param shape - the target shape.
 * @returns a new tensor of shape `shape`.
 * @example
 * ```ts
 * import { broadcastTo, tensor } from '@dl/tensor';
 * broadcastTo(tensor([1, 2]), [2, 2]).toArray(); // [[1, 2], [1, 2]]
 * ```
 */
export function broadcastTo(x: Tensor, shape: Shape): Tensor {
  checkTensor('broadcastTo', 'x', x);
  if (!Array.isArray(shape) || shape.some((d) => typeof d !== 'number' || !Number.isInteger(d) || d < 0)) {
    throw badArgument('broadcastTo', 'shape', 'an array of non-negative integers', shape);
  }
  if (shapesEqual(x.shape, shape)) return x;
  const target = broadcastShapes('broadcastTo', x.shape, shape);
  if (!shapesEqual(target, shape)) {
    throw new RangeError(`broadcastTo: cannot broadcast ${formatShape(x.shape)} to ${formatShape(shape)}`);
  }
  if (onDevice(x)) {
    const moved = dispatch('broadcastTo', 'broadcastTo', [x], ['x'], { shape }, () =>
      broadcastTo(x, shape).detach(),
    );
    return record('broadcastTo', moved, [x], (g) => [sumTo(g, x.shape)], SAVES_NONE);
  }
  const n = sizeOf(shape);
  const out = allocUninit(x.dtype, n);
  const rank = shape.length;
  const strides = broadcastStrides(x.shape, rank);
  const d = x.data;
  if (x.size === 1) out.fill(d[0]!);
  else if (n > 0) {
    // The trailing axes form runs: repeated ones (stride 0) are filled with one value, kept ones (x's own trailing
    // shape) are copied as one slice; an odometer over the leading axes places the runs.
    const fill = strides[rank - 1] === 0;
    let inner = rank;
    let run = 1;
    while (inner > 0 && (strides[inner - 1] === 0) === fill && (fill || shape[inner - 1] !== 1)) {
      inner--;
      run *= shape[inner]!;
    }
    const index = new Array<number>(inner).fill(0);
    let p = 0;
    for (let o = 0; o < n; o += run) {
      if (fill) out.fill(d[p]!, o, o + run);
      else out.set(d.subarray(p, p + run), o);
      for (let k = inner - 1; k >= 0; k--) {
        index[k]!++;
        p += strides[k]!;
        if (index[k]! < shape[k]!) break;
        p -= strides[k]! * shape[k]!;
        index[k] = 0;
      }
    }
  }
  const inShape = x.shape;
  return record(
    'broadcastTo',
    new Tensor(out, shape.slice(), x.dtype),
    [x],
    (g) => [sumTo(g, inShape)],
    SAVES_NONE,
  );
}
