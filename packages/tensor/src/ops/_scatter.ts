import { record } from '../autograd/record';
import { allocUninit, allocZeroed } from '../memory/_pool';
import { type Shape, sizeOf, stridesOf } from '../shape';
import { Tensor } from '../tensor';

/**
 * @internal For each element of `index` (shape `idxShape`), the flat offset into a tensor of shape `xShape`
 * that `torch.gather(x, axis, index)` reads: the element's own coordinates with the `axis` one replaced by the
 * index value. Throws a RangeError naming `fn` for an index out of `[0, xShape[axis])`.
 */
export function gatherOffsets(fn: string, xShape: Shape, index: Tensor, axis: number): Int32Array {
  const idxShape = index.shape;
  const rank = idxShape.length;
  const n = index.size;
  const offsets = new Int32Array(n);
  const xs = stridesOf(xShape);
  const limit = xShape[axis] ?? 1;
  const idx = index.data;
  const coord = new Array<number>(rank).fill(0);
  let base = 0;
  const axisStride = rank === 0 ? 0 : xs[axis]!;
  for (let e = 0; e < n; e++) {
    const v = idx[e]!;
    if (v < 0 || v >= limit) {
      throw new RangeError(
        `${fn}: index ${v} at position [${coord.join(', ')}] is out of range for axis ${axis} of size ${limit}`,
      );
    }
    offsets[e] = base + v * axisStride;
    for (let d = rank - 1; d >= 0; d--) {
      coord[d]!++;
      if (d !== axis) base += xs[d]!;
      if (coord[d]! < idxShape[d]!) break;
      if (d !== axis) base -= xs[d]! * idxShape[d]!;
      coord[d] = 0;
    }
  }
  return offsets;
}

/** @internal Reads `x.data[offsets[e]]` into a tensor of `shape` (differentiable; adjoint {@link scatterAddAt}). */
export function gatherAt(x: Tensor, offsets: Int32Array, shape: Shape): Tensor {
  const d = x.data;
  const out = allocUninit(x.dtype, offsets.length);
  for (let e = 0; e < offsets.length; e++) out[e] = d[offsets[e]!]!;
  const xShape = x.shape;
  return record('gather', new Tensor(out, shape.slice(), x.dtype), [x], (g) => [
    scatterAddAt(g, offsets, xShape),
  ]);
}

/** @internal Zeros of `shape` with `g`'s elements added at `offsets` (differentiable; adjoint {@link gatherAt}). */
export function scatterAddAt(g: Tensor, offsets: Int32Array, shape: Shape): Tensor {
  const d = g.data;
  const out = allocZeroed(g.dtype, sizeOf(shape));
  for (let e = 0; e < offsets.length; e++) out[offsets[e]!] += d[e]!;
  const gShape = g.shape;
  return record('scatterAdd', new Tensor(out, shape.slice(), g.dtype), [g], (gg) => [
    gatherAt(gg, offsets, gShape),
  ]);
}
