import { allocate } from '../dtype';
import { broadcastShapes, formatShape, shapesEqual, sizeOf, stridesOf } from '../shape';
import { Tensor } from '../tensor';

/** An operand of an elementwise op: a tensor or a plain number (broadcast as a scalar of the tensor's dtype). */
export type Operand = Tensor | number;

/** @internal Turns the operands of a binary op into tensors of one dtype, or throws naming `fn`. */
export function operands(fn: string, a: Operand, b: Operand): [Tensor, Tensor] {
  if (typeof a === 'number' && typeof b === 'number') {
    throw new TypeError(`${fn}: at least one operand must be a Tensor, got two numbers`);
  }
  const ta = typeof a === 'number' ? scalarLike(a, b as Tensor) : check(fn, 'a', a);
  const tb = typeof b === 'number' ? scalarLike(b, ta) : check(fn, 'b', b);
  if (ta.dtype !== tb.dtype) {
    throw new TypeError(`${fn}: dtypes differ: ${ta.dtype} and ${tb.dtype}; convert one with cast() first`);
  }
  return [ta, tb];
}

function check(fn: string, arg: string, x: unknown): Tensor {
  if (!(x instanceof Tensor)) {
    throw new TypeError(`${fn}: ${arg} must be a Tensor or a number, got ${x === null ? 'null' : typeof x}`);
  }
  return x;
}

/** @internal A scalar tensor holding `value` with the dtype of `like`. */
export function scalarLike(value: number, like: Tensor): Tensor {
  const data = allocate(like.dtype, 1);
  data[0] = value;
  return new Tensor(data, [], like.dtype);
}

/**
 * @internal Applies `f` elementwise with NumPy broadcasting. The output dtype is `a`'s unless `outDtype` is
 * given (comparisons produce float masks of the same dtype).
 */
export function binaryKernel(fn: string, a: Tensor, b: Tensor, f: (x: number, y: number) => number): Tensor {
  const ad = a.data;
  const bd = b.data;
  if (shapesEqual(a.shape, b.shape)) {
    const out = allocate(a.dtype, a.size);
    for (let i = 0; i < out.length; i++) out[i] = f(ad[i]!, bd[i]!);
    return new Tensor(out, a.shape, a.dtype);
  }
  const shape = broadcastShapes(fn, a.shape, b.shape);
  const n = sizeOf(shape);
  const out = allocate(a.dtype, n);
  if (b.size === 1) {
    const y = bd[0]!;
    for (let i = 0; i < n; i++) out[i] = f(ad[i]!, y);
    return new Tensor(out, shape, a.dtype);
  }
  if (a.size === 1) {
    const x = ad[0]!;
    for (let i = 0; i < n; i++) out[i] = f(x, bd[i]!);
    return new Tensor(out, shape, a.dtype);
  }
  const rank = shape.length;
  const sa = broadcastStrides(a.shape, rank);
  const sb = broadcastStrides(b.shape, rank);
  // Odometer over all but the last dimension; the last dimension is a tight inner loop.
  const last = rank - 1;
  const inner = shape[last]!;
  const ia = sa[last]!;
  const ib = sb[last]!;
  const index = new Array<number>(rank).fill(0);
  let oa = 0;
  let ob = 0;
  for (let o = 0; o < n; o += inner) {
    for (let j = 0, pa = oa, pb = ob; j < inner; j++, pa += ia, pb += ib) out[o + j] = f(ad[pa]!, bd[pb]!);
    for (let d = last - 1; d >= 0; d--) {
      index[d]!++;
      oa += sa[d]!;
      ob += sb[d]!;
      if (index[d]! < shape[d]!) break;
      oa -= sa[d]! * shape[d]!;
      ob -= sb[d]! * shape[d]!;
      index[d] = 0;
    }
  }
  if (rank === 0) out[0] = f(ad[0]!, bd[0]!);
  return new Tensor(out, shape, a.dtype);
}

/** @internal Strides of `shape` right-aligned to `rank` dimensions, 0 where the dimension is broadcast. */
export function broadcastStrides(shape: readonly number[], rank: number): number[] {
  const strides = stridesOf(shape);
  const out = new Array<number>(rank).fill(0);
  for (let i = 0; i < shape.length; i++) {
    out[rank - shape.length + i] = shape[i] === 1 ? 0 : strides[i]!;
  }
  return out;
}

/** @internal Formats the shapes of two tensors for an error message: `[2, 3] and [4]`. */
export function pairShapes(a: Tensor, b: Tensor): string {
  return `${formatShape(a.shape)} and ${formatShape(b.shape)}`;
}
