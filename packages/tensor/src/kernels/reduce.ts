import { allocate } from '../dtype';
import { stridesOf } from '../shape';
import { Tensor } from '../tensor';

/**
 * @internal Reduces `x` over the sorted, unique `axes` with `step(acc, value)` starting from `init`, then maps
 * each accumulator with `finish(acc, count)`. Accumulates in float64. Returns the keepDims-shaped result.
 */
export function reduceKernel(
  x: Tensor,
  axes: readonly number[],
  init: number,
  step: (acc: number, v: number) => number,
  finish: (acc: number, count: number) => number = (acc) => acc,
): Tensor {
  const shape = x.shape;
  const rank = shape.length;
  const keepShape = shape.map((d, i) => (axes.includes(i) ? 1 : d));
  const outSize = keepShape.reduce((a, b) => a * b, 1);
  const count = outSize === 0 ? 0 : x.size / outSize;
  const acc = new Float64Array(outSize).fill(init);
  const d = x.data;
  if (axes.length === rank || outSize === 1) {
    let s = init;
    for (let i = 0; i < d.length; i++) s = step(s, d[i]!);
    acc[0] = s;
  } else {
    const outStrides = stridesOf(keepShape).map((s, i) => (axes.includes(i) ? 0 : s));
    const index = new Array<number>(rank).fill(0);
    let o = 0;
    const last = rank - 1;
    const inner = shape[last]!;
    const innerStride = outStrides[last]!;
    for (let i = 0; i < d.length; i += inner) {
      for (let j = 0, p = o; j < inner; j++, p += innerStride) acc[p] = step(acc[p]!, d[i + j]!);
      for (let k = last - 1; k >= 0; k--) {
        index[k]!++;
        o += outStrides[k]!;
        if (index[k]! < shape[k]!) break;
        o -= outStrides[k]! * shape[k]!;
        index[k] = 0;
      }
    }
  }
  const out = allocate(x.dtype, outSize);
  for (let i = 0; i < outSize; i++) out[i] = finish(acc[i]!, count);
  return new Tensor(out, keepShape, x.dtype);
}
