import { describe } from '@dl/internal';
import { dispatch, onDevice } from '../dispatch';
import type { TensorArray } from '../dtype';
import { allocUninit } from '../memory/_pool';
import { broadcastShapes, formatShape, shapesEqual, sizeOf, stridesOf } from '../shape';
import { Tensor } from '../tensor';
import { wasmCols, wasmRows, wasmVS, wasmVV } from '../wasm/elementwise';
import { wasmFor } from '../wasm/runtime';

/** An operand of an elementwise op: a tensor or a plain number (broadcast as a scalar of the tensor's dtype). */
export type Operand = Tensor | number;

/** @internal Turns the operands of a binary op into tensors of one dtype, or throws naming `fn`. */
export function operands(fn: string, a: Operand, b: Operand): [Tensor, Tensor] {
  if (typeof a === 'number' && typeof b === 'number') {
    throw new TypeError(`${fn}: at least one operand must be a Tensor, got two numbers`);
  }
  if (typeof a === 'number') check(fn, 'b', b);
  const ta = typeof a === 'number' ? scalarLike(a, b as Tensor) : check(fn, 'a', a);
  const tb = typeof b === 'number' ? scalarLike(b, ta) : check(fn, 'b', b);
  if (ta.dtype !== tb.dtype) {
    throw new TypeError(`${fn}: dtypes differ: ${ta.dtype} and ${tb.dtype}; convert one with cast() first`);
  }
  return [ta, tb];
}

function check(fn: string, arg: string, x: unknown): Tensor {
  if (!(x instanceof Tensor)) {
    throw new TypeError(`${fn}: ${arg} must be a Tensor or a number, got ${describe(x)}`);
  }
  return x;
}

/** @internal A scalar tensor holding `value` with the dtype of `like`. */
export function scalarLike(value: number, like: Tensor): Tensor {
  const data = allocUninit(like.dtype, 1);
  data[0] = value;
  return new Tensor(data, [], like.dtype);
}

/** Opcodes of the arithmetic ops that get their own inlined loops (no per-element call). */
const ADD = 0;
const SUB = 1;
const MUL = 2;
const DIV = 3;
const NONE = -1;

/** @internal The arithmetic ops that {@link binaryKernel} runs in specialized loops. */
export type Arithmetic = 'add' | 'sub' | 'mul' | 'div';

/** @internal The opcode of each arithmetic op in the loops and in the WebAssembly kernels (`vv`, `vs`, `rows`, `cols`). */
export const OPCODE: Record<Arithmetic, number> = { add: ADD, sub: SUB, mul: MUL, div: DIV };

/**
 * `o[i] = x[i] (op) y[i]` over whole arrays, unrolled by eight: no offsets, so V8 drops the bounds checks and
 * the loop overhead is shared by eight elements.
 */
function arithFull(op: number, x: TensorArray, y: TensorArray, o: TensorArray): void {
  const n = o.length;
  let i = 0;
  switch (op) {
    case ADD:
      for (; i + 7 < n; i += 8) {
        o[i] = x[i]! + y[i]!;
        o[i + 1] = x[i + 1]! + y[i + 1]!;
        o[i + 2] = x[i + 2]! + y[i + 2]!;
        o[i + 3] = x[i + 3]! + y[i + 3]!;
        o[i + 4] = x[i + 4]! + y[i + 4]!;
        o[i + 5] = x[i + 5]! + y[i + 5]!;
        o[i + 6] = x[i + 6]! + y[i + 6]!;
        o[i + 7] = x[i + 7]! + y[i + 7]!;
      }
      for (; i < n; i++) o[i] = x[i]! + y[i]!;
      return;
    case SUB:
      for (; i + 7 < n; i += 8) {
        o[i] = x[i]! - y[i]!;
        o[i + 1] = x[i + 1]! - y[i + 1]!;
        o[i + 2] = x[i + 2]! - y[i + 2]!;
        o[i + 3] = x[i + 3]! - y[i + 3]!;
        o[i + 4] = x[i + 4]! - y[i + 4]!;
        o[i + 5] = x[i + 5]! - y[i + 5]!;
        o[i + 6] = x[i + 6]! - y[i + 6]!;
        o[i + 7] = x[i + 7]! - y[i + 7]!;
      }
      for (; i < n; i++) o[i] = x[i]! - y[i]!;
      return;
    case MUL:
      for (; i + 7 < n; i += 8) {
        o[i] = x[i]! * y[i]!;
        o[i + 1] = x[i + 1]! * y[i + 1]!;
        o[i + 2] = x[i + 2]! * y[i + 2]!;
        o[i + 3] = x[i + 3]! * y[i + 3]!;
        o[i + 4] = x[i + 4]! * y[i + 4]!;
        o[i + 5] = x[i + 5]! * y[i + 5]!;
        o[i + 6] = x[i + 6]! * y[i + 6]!;
        o[i + 7] = x[i + 7]! * y[i + 7]!;
      }
      for (; i < n; i++) o[i] = x[i]! * y[i]!;
      return;
    default:
      for (; i + 7 < n; i += 8) {
        o[i] = x[i]! / y[i]!;
        o[i + 1] = x[i + 1]! / y[i + 1]!;
        o[i + 2] = x[i + 2]! / y[i + 2]!;
        o[i + 3] = x[i + 3]! / y[i + 3]!;
        o[i + 4] = x[i + 4]! / y[i + 4]!;
        o[i + 5] = x[i + 5]! / y[i + 5]!;
        o[i + 6] = x[i + 6]! / y[i + 6]!;
        o[i + 7] = x[i + 7]! / y[i + 7]!;
      }
      for (; i < n; i++) o[i] = x[i]! / y[i]!;
      return;
  }
}

/** `o[i] = x[i] (op) s`, or `s (op) x[i]` when `flip`, over whole arrays, unrolled by eight. */
function arithScalar(op: number, x: TensorArray, s: number, o: TensorArray, flip: boolean): void {
  const n = o.length;
  let i = 0;
  if (flip && (op === SUB || op === DIV)) {
    if (op === SUB) for (; i < n; i++) o[i] = s - x[i]!;
    else for (; i < n; i++) o[i] = s / x[i]!;
    return;
  }
  switch (op) {
    case ADD:
      for (; i + 7 < n; i += 8) {
        o[i] = x[i]! + s;
        o[i + 1] = x[i + 1]! + s;
        o[i + 2] = x[i + 2]! + s;
        o[i + 3] = x[i + 3]! + s;
        o[i + 4] = x[i + 4]! + s;
        o[i + 5] = x[i + 5]! + s;
        o[i + 6] = x[i + 6]! + s;
        o[i + 7] = x[i + 7]! + s;
      }
      for (; i < n; i++) o[i] = x[i]! + s;
      return;
    case SUB:
      for (; i + 7 < n; i += 8) {
        o[i] = x[i]! - s;
        o[i + 1] = x[i + 1]! - s;
        o[i + 2] = x[i + 2]! - s;
        o[i + 3] = x[i + 3]! - s;
        o[i + 4] = x[i + 4]! - s;
        o[i + 5] = x[i + 5]! - s;
        o[i + 6] = x[i + 6]! - s;
        o[i + 7] = x[i + 7]! - s;
      }
      for (; i < n; i++) o[i] = x[i]! - s;
      return;
    case MUL:
      for (; i + 7 < n; i += 8) {
        o[i] = x[i]! * s;
        o[i + 1] = x[i + 1]! * s;
        o[i + 2] = x[i + 2]! * s;
        o[i + 3] = x[i + 3]! * s;
        o[i + 4] = x[i + 4]! * s;
        o[i + 5] = x[i + 5]! * s;
        o[i + 6] = x[i + 6]! * s;
        o[i + 7] = x[i + 7]! * s;
      }
      for (; i < n; i++) o[i] = x[i]! * s;
      return;
    default:
      for (; i + 7 < n; i += 8) {
        o[i] = x[i]! / s;
        o[i + 1] = x[i + 1]! / s;
        o[i + 2] = x[i + 2]! / s;
        o[i + 3] = x[i + 3]! / s;
        o[i + 4] = x[i + 4]! / s;
        o[i + 5] = x[i + 5]! / s;
        o[i + 6] = x[i + 6]! / s;
        o[i + 7] = x[i + 7]! / s;
      }
      for (; i < n; i++) o[i] = x[i]! / s;
      return;
  }
}

/**
 * `o[oo + j] = x[px + j * sx] (op) y[py + j * sy]` for `j < n`, one loop per op so that V8 compiles the
 * arithmetic inline; contiguous operands (strides 1 and 1) are unrolled by four.
 */
function arithLoop(
  op: number,
  x: TensorArray,
  px: number,
  sx: number,
  y: TensorArray,
  py: number,
  sy: number,
  o: TensorArray,
  oo: number,
  n: number,
): void {
  const end = oo + n;
  if (sx === 1 && sy === 1) {
    const dx = px - oo;
    const dy = py - oo;
    let i = oo;
    switch (op) {
      case ADD:
        for (; i + 3 < end; i += 4) {
          o[i] = x[i + dx]! + y[i + dy]!;
          o[i + 1] = x[i + 1 + dx]! + y[i + 1 + dy]!;
          o[i + 2] = x[i + 2 + dx]! + y[i + 2 + dy]!;
          o[i + 3] = x[i + 3 + dx]! + y[i + 3 + dy]!;
        }
        for (; i < end; i++) o[i] = x[i + dx]! + y[i + dy]!;
        return;
      case SUB:
        for (; i + 3 < end; i += 4) {
          o[i] = x[i + dx]! - y[i + dy]!;
          o[i + 1] = x[i + 1 + dx]! - y[i + 1 + dy]!;
          o[i + 2] = x[i + 2 + dx]! - y[i + 2 + dy]!;
          o[i + 3] = x[i + 3 + dx]! - y[i + 3 + dy]!;
        }
        for (; i < end; i++) o[i] = x[i + dx]! - y[i + dy]!;
        return;
      case MUL:
        for (; i + 3 < end; i += 4) {
          o[i] = x[i + dx]! * y[i + dy]!;
          o[i + 1] = x[i + 1 + dx]! * y[i + 1 + dy]!;
          o[i + 2] = x[i + 2 + dx]! * y[i + 2 + dy]!;
          o[i + 3] = x[i + 3 + dx]! * y[i + 3 + dy]!;
        }
        for (; i < end; i++) o[i] = x[i + dx]! * y[i + dy]!;
        return;
      default:
        for (; i + 3 < end; i += 4) {
          o[i] = x[i + dx]! / y[i + dy]!;
          o[i + 1] = x[i + 1 + dx]! / y[i + 1 + dy]!;
          o[i + 2] = x[i + 2 + dx]! / y[i + 2 + dy]!;
          o[i + 3] = x[i + 3 + dx]! / y[i + 3 + dy]!;
        }
        for (; i < end; i++) o[i] = x[i + dx]! / y[i + dy]!;
        return;
    }
  }
  switch (op) {
    case ADD:
      for (let i = oo; i < end; i++, px += sx, py += sy) o[i] = x[px]! + y[py]!;
      return;
    case SUB:
      for (let i = oo; i < end; i++, px += sx, py += sy) o[i] = x[px]! - y[py]!;
      return;
    case MUL:
      for (let i = oo; i < end; i++, px += sx, py += sy) o[i] = x[px]! * y[py]!;
      return;
    default:
      for (let i = oo; i < end; i++, px += sx, py += sy) o[i] = x[px]! / y[py]!;
      return;
  }
}

/** Elements per call of a loop function over long arrays (see binaryKernel). */
const CHUNK = 8192;

/** The generic inner loop: calls `f` per element. */
function callLoop(
  f: (x: number, y: number) => number,
  x: TensorArray,
  px: number,
  sx: number,
  y: TensorArray,
  py: number,
  sy: number,
  o: TensorArray,
  oo: number,
  n: number,
): void {
  const end = oo + n;
  for (let i = oo; i < end; i++, px += sx, py += sy) o[i] = f(x[px]!, y[py]!);
}

/**
 * @internal Applies `f` elementwise with NumPy broadcasting; the output has `a`'s dtype.
 *
 * With `arithmetic` (which must be the operation `f` computes) the work runs in loops specialized for that
 * operation instead of calling `f` per element — the same values, several times faster. Broadcast layouts are
 * walked with an odometer over all but the innermost dimension after merging adjacent dimensions that are
 * contiguous in both operands, so the inner loop is as long as possible.
 *
 * On device inputs it runs the device kernel `deviceOp` (the arithmetic by default; none when `f` is another
 * function and no `deviceOp` names it, which falls back to the CPU).
 */
export function binaryKernel(
  fn: string,
  a: Tensor,
  b: Tensor,
  f: (x: number, y: number) => number,
  arithmetic?: Arithmetic,
  deviceOp: string | undefined = arithmetic,
): Tensor {
  if (onDevice(a, b)) {
    return dispatch(fn, deviceOp, [a, b], ['a', 'b'], {}, () => binaryKernel(fn, a, b, f, arithmetic));
  }
  const ad = a.data;
  const bd = b.data;
  const op = arithmetic === undefined ? NONE : OPCODE[arithmetic];
  let shape: number[];
  if (shapesEqual(a.shape, b.shape)) shape = a.shape as number[];
  else shape = broadcastShapes(fn, a.shape, b.shape);
  const n = sizeOf(shape);
  const out = allocUninit(a.dtype, n);
  const result = new Tensor(out, shape === a.shape ? a.shape : shape, a.dtype);
  if (n === 0) return result;
  // float32 arithmetic on enough elements runs in the WebAssembly SIMD kernels (bit-identical results)
  const rt = op !== NONE && a.dtype === 'float32' ? wasmFor(n) : null;
  if (a.size === n && b.size === n) {
    if (rt !== null) wasmVV(rt, op, ad as Float32Array, 0, bd as Float32Array, 0, out as Float32Array, 0, n);
    else if (op === NONE) callLoop(f, ad, 0, 1, bd, 0, 1, out, 0, n);
    else if (n <= CHUNK) arithFull(op, ad, bd, out);
    else {
      for (let i = 0; i < n; i += CHUNK) {
        const e = Math.min(n, i + CHUNK);
        arithFull(op, ad.subarray(i, e), bd.subarray(i, e), out.subarray(i, e));
      }
    }
    return result;
  }
  if (b.size === 1 || a.size === 1) {
    const sx = a.size === 1 ? 0 : 1;
    const sy = b.size === 1 ? 0 : 1;
    if (op === NONE) callLoop(f, ad, 0, sx, bd, 0, sy, out, 0, n);
    else {
      const big = sy === 0 ? ad : bd;
      const s = sy === 0 ? bd[0]! : ad[0]!;
      if (rt !== null) wasmVS(rt, op, big as Float32Array, 0, s, out as Float32Array, 0, n, sx === 0);
      else if (n <= CHUNK) arithScalar(op, big, s, out, sx === 0);
      else {
        for (let i = 0; i < n; i += CHUNK) {
          const e = Math.min(n, i + CHUNK);
          arithScalar(op, big.subarray(i, e), s, out.subarray(i, e), sx === 0);
        }
      }
    }
    return result;
  }
  const { dims, sa, sb } = mergeBroadcastDims(shape, a.shape, b.shape);
  const rank = dims.length;
  const last = rank - 1;
  const inner = dims[last]!;
  const ia = sa[last]!;
  const ib = sb[last]!;
  if (rt !== null && rank === 2 && wasmBroadcast(rt, op, ad, sa, bd, sb, out, dims[0]!, inner)) return result;
  // Long contiguous rows go through the unrolled whole-array loop on subarray views.
  const rows = inner >= 64;
  const index = new Array<number>(rank).fill(0);
  let oa = 0;
  let ob = 0;
  for (let o = 0; o < n; o += inner) {
    if (op === NONE) callLoop(f, ad, oa, ia, bd, ob, ib, out, o, inner);
    else if (rows && ia === 1 && ib === 1) {
      arithFull(op, ad.subarray(oa, oa + inner), bd.subarray(ob, ob + inner), out.subarray(o, o + inner));
    } else arithLoop(op, ad, oa, ia, bd, ob, ib, out, o, inner);
    for (let d = last - 1; d >= 0; d--) {
      index[d]!++;
      oa += sa[d]!;
      ob += sb[d]!;
      if (index[d]! < dims[d]!) break;
      oa -= sa[d]! * dims[d]!;
      ob -= sb[d]! * dims[d]!;
      index[d] = 0;
    }
  }
  return result;
}

/**
 * @internal The broadcast of `aShape` and `bShape` to `shape` with adjacent dimensions merged where they are laid
 * out contiguously in both operands (and size-1 dimensions dropped): the merged sizes `dims` and each operand's
 * strides in broadcast form (0 where it repeats).
 */
export function mergeBroadcastDims(
  shape: readonly number[],
  aShape: readonly number[],
  bShape: readonly number[],
): { dims: number[]; sa: number[]; sb: number[] } {
  const sa0 = broadcastStrides(aShape, shape.length);
  const sb0 = broadcastStrides(bShape, shape.length);
  const dims: number[] = [];
  const sa: number[] = [];
  const sb: number[] = [];
  for (let i = 0; i < shape.length; i++) {
    const d = shape[i]!;
    if (d === 1) continue;
    const k = dims.length - 1;
    if (k >= 0 && sa[k] === sa0[i]! * d && sb[k] === sb0[i]! * d) {
      dims[k]! *= d;
      sa[k] = sa0[i]!;
      sb[k] = sb0[i]!;
    } else {
      dims.push(d);
      sa.push(sa0[i]!);
      sb.push(sb0[i]!);
    }
  }
  return { dims, sa, sb };
}

/**
 * Runs the two-dimensional broadcast layouts of float32 arithmetic (after merging dimensions) in the WebAssembly
 * kernels: one operand full (`[R, C]`, strides `[C, 1]`) and the other a repeated row (strides `[0, 1]`) or a
 * repeated column (strides `[1, 0]`). Returns false for any other layout.
 */
function wasmBroadcast(
  rt: NonNullable<ReturnType<typeof wasmFor>>,
  op: number,
  ad: TensorArray,
  sa: number[],
  bd: TensorArray,
  sb: number[],
  out: TensorArray,
  R: number,
  C: number,
): boolean {
  const layout = rowColLayout(sa, sb, C);
  if (layout === 0) return false;
  const flip = (layout & FLIPPED) !== 0;
  const x = (flip ? bd : ad) as Float32Array;
  const other = (flip ? ad : bd) as Float32Array;
  if (layout & ROWS) wasmRows(rt, op, x, other, out as Float32Array, R, C, flip);
  else wasmCols(rt, op, x, other, out as Float32Array, R, C, flip);
  return true;
}

/** @internal Bits of {@link rowColLayout}: the other operand repeats a row, a column; `b` is the full one. */
export const ROWS = 1;
/** @internal See {@link ROWS}. */
export const COLS = 2;
/** @internal See {@link ROWS}. */
export const FLIPPED = 4;

/**
 * @internal The two-dimensional broadcast layout (merged strides `sa`, `sb` over `[R, C]`) that the row and column
 * kernels take: one operand full (strides `[C, 1]`) and the other a repeated row (`[0, 1]`: {@link ROWS}) or a
 * repeated column (`[1, 0]`: {@link COLS}), plus {@link FLIPPED} when the full one is `b`; 0 for any other layout.
 */
export function rowColLayout(sa: readonly number[], sb: readonly number[], C: number): number {
  const fullA = sa[0] === C && sa[1] === 1;
  if (!fullA && !(sb[0] === C && sb[1] === 1)) return 0;
  const so = fullA ? sb : sa;
  const flip = fullA ? 0 : FLIPPED;
  if (so[0] === 0 && so[1] === 1) return ROWS | flip;
  if (so[0] === 1 && so[1] === 0) return COLS | flip;
  return 0;
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
