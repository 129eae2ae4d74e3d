import { record } from '../autograd/record';
import { allocZeroed } from '../memory/_pool';
import { sizeOf } from '../shape';
import { Tensor } from '../tensor';

/**
 * @internal For each axis, the source index of every output position (`null` for an axis that is not padded):
 * `out[o] = x[map(o)]`. Shared by the reflect, replicate and circular modes of {@link pad}.
 */
export type AxisMaps = readonly (Int32Array | null)[];

/** Visits every output element with its flat source offset in an input of `inShape`. */
function walk(
  inShape: readonly number[],
  outShape: readonly number[],
  maps: AxisMaps,
  f: (o: number, s: number) => void,
): void {
  const rank = outShape.length;
  const inStrides = new Array<number>(rank);
  for (let d = rank - 1, s = 1; d >= 0; d--) {
    inStrides[d] = s;
    s *= inShape[d]!;
  }
  const size = sizeOf(outShape);
  if (size === 0) return;
  const idx = new Array<number>(rank).fill(0);
  const src = (d: number, i: number) => (maps[d] ? maps[d]![i]! : i) * inStrides[d]!;
  // Partial source offsets per leading axis, updated incrementally like an odometer.
  const partial = new Array<number>(rank + 1).fill(0);
  for (let d = 0; d < rank; d++) partial[d + 1] = partial[d]! + src(d, 0);
  const last = rank - 1;
  const lastMap = rank > 0 ? maps[last] : null;
  const n = rank > 0 ? outShape[last]! : 1;
  for (let o = 0; o < size; o += n) {
    const base = rank > 0 ? partial[last]! : 0;
    if (lastMap) for (let j = 0; j < n; j++) f(o + j, base + lastMap[j]!);
    else for (let j = 0; j < n; j++) f(o + j, base + j);
    // advance the odometer over the leading axes
    let d = last - 1;
    while (d >= 0) {
      idx[d]!++;
      if (idx[d]! < outShape[d]!) break;
      idx[d] = 0;
      d--;
    }
    if (d < 0) break;
    for (let k = d; k < last; k++) partial[k + 1] = partial[k]! + src(k, idx[k]!);
  }
}

/** @internal `out[o] = x[map(o)]`; its gradient is {@link scatterAddIndex}. */
export function gatherIndex(x: Tensor, outShape: readonly number[], maps: AxisMaps): Tensor {
  const out = allocZeroed(x.dtype, sizeOf(outShape));
  const xd = x.data;
  walk(x.shape, outShape, maps, (o, s) => {
    out[o] = xd[s]!;
  });
  const inShape = x.shape;
  return record('pad', new Tensor(out, outShape.slice(), x.dtype), [x], (g) => [
    scatterAddIndex(g, inShape, maps),
  ]);
}

/** @internal The adjoint of {@link gatherIndex}: `out[map(o)] += g[o]`. */
export function scatterAddIndex(g: Tensor, inShape: readonly number[], maps: AxisMaps): Tensor {
  const out = allocZeroed(g.dtype, sizeOf(inShape));
  const gd = g.data;
  walk(inShape, g.shape, maps, (o, s) => {
    out[s] = out[s]! + gd[o]!;
  });
  const outShape = g.shape;
  return record('padBackward', new Tensor(out, inShape.slice(), g.dtype), [g], (gg) => [
    gatherIndex(gg, outShape, maps),
  ]);
}
