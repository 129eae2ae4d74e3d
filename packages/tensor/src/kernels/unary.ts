import { describe } from '@dl/internal';
import { isGradEnabled } from '../autograd/gradMode';
import { dispatch, onDevice } from '../dispatch';
import type { TensorArray } from '../dtype';
import { allocUninit } from '../memory/_pool';
import { checkFloat, checkTensor } from '../ops/_check';
import { broadcastShapes, formatShape, shapesEqual, sizeOf } from '../shape';
import { Tensor } from '../tensor';
import { wasmWhere } from '../wasm/compare';
import { wasmBackward } from '../wasm/elementwise';
import { wasmFor } from '../wasm/runtime';
import { broadcastStrides } from './binary';

/**
 * @internal A loop over a whole typed array: reads `src`, writes `dst` (same length), with up to two scalar
 * parameters. Each op passes its own kernel function so that the per-element work is inlined into a tight,
 * monomorphic loop (no per-element closure call).
 */
export type UnaryLoop = (src: TensorArray, dst: TensorArray, p: number, q: number) => void;

/** @internal Throws a TypeError naming `fn` and the option unless `value` is a finite (or any, if `allowInf`) number. */
export function checkNumber(fn: string, name: string, value: unknown, allowInf = false): number {
  if (typeof value !== 'number' || Number.isNaN(value) || (!allowInf && !Number.isFinite(value))) {
    throw new TypeError(
      `${fn}: ${name} must be a ${allowInf ? 'non-NaN' : 'finite'} number, got ${describe(value)}`,
    );
  }
  return value;
}

/**
 * @internal Runs `loop` over `x`'s elements into a new tensor of `x`'s shape and dtype (not recorded). With
 * `floatOnly`, int32 input is rejected with a TypeError naming `fn`. A device input runs the device kernel `op`
 * (the loop's name for the device: `fn` unless the op uses several loops) with parameters `p` and `q`.
 */
export function mapUnary(
  fn: string,
  x: unknown,
  loop: UnaryLoop,
  floatOnly: boolean,
  p = 0,
  q = 0,
  op: string = fn,
): Tensor {
  const t = floatOnly ? checkFloat(fn, 'x', x) : checkTensor(fn, 'x', x);
  if (onDevice(t))
    return dispatch(
      fn,
      op,
      [t],
      ['x'],
      { p, q },
      () => mapUnary(fn, t, loop, floatOnly, p, q),
      () => ({ shape: t.shape, kernel: (out) => loop(t.data, out, p, q) }),
    );
  const out = allocUninit(t.dtype, t.size);
  loop(t.data, out, p, q);
  return new Tensor(out, t.shape, t.dtype);
}

/**
 * @internal A fused elementwise backward `out[i] = loop(g[i], s[i])` (gradient and saved input or output, float32
 * or float64 CPU tensors of one shape and dtype), run by the WebAssembly kernel `wasm` for large float32 work; null
 * when it does not apply (a graph of the backward is being recorded for double backward, a tensor lives on a
 * device, the shapes or dtypes differ): then the caller composes differentiable ops, which give the same values.
 */
export function fusedBackward(
  g: Tensor,
  s: Tensor,
  wasm: 'reluBwd' | 'sigmoidBwd',
  loop: (g: TensorArray, s: TensorArray, out: TensorArray) => void,
): Tensor | null {
  if (
    isGradEnabled() ||
    g.storage !== null ||
    s.storage !== null ||
    g.dtype !== s.dtype ||
    s.dtype === 'int32' ||
    !shapesEqual(g.shape, s.shape)
  ) {
    return null;
  }
  const out = allocUninit(s.dtype, s.size);
  const rt = s.dtype === 'float32' ? wasmFor(s.size) : null;
  if (rt !== null)
    wasmBackward(rt, wasm, g.data as Float32Array, s.data as Float32Array, out as Float32Array);
  else loop(g.data, s.data, out);
  return new Tensor(out, s.shape, s.dtype);
}

/** The float32 where of the common layouts in WebAssembly (float32 or int32 condition); false when not taken. */
function whereF32(
  cd: TensorArray,
  cs: number,
  ad: TensorArray,
  as: number,
  bd: TensorArray,
  bs: number,
  out: TensorArray,
): boolean {
  return (
    out instanceof Float32Array &&
    ad instanceof Float32Array &&
    bd instanceof Float32Array &&
    (cd instanceof Float32Array || cd instanceof Int32Array) &&
    wasmWhere(cd, cs, ad, as, bd, bs, out)
  );
}

/**
 * @internal `where(cond, a, b)` without autograd: NumPy broadcasting of all three, `a` where `cond` is non-zero,
 * else `b`. The output has `a`'s dtype (the caller checks that `a` and `b` agree).
 */
export function whereKernel(fn: string, cond: Tensor, a: Tensor, b: Tensor): Tensor {
  if (onDevice(cond) || onDevice(a, b)) {
    return dispatch(fn, 'where', [cond, a, b], ['condition', 'a', 'b'], {}, () =>
      whereKernel(fn, cond, a, b),
    );
  }
  const cd = cond.data;
  const ad = a.data;
  const bd = b.data;
  if (shapesEqual(cond.shape, a.shape) && shapesEqual(a.shape, b.shape)) {
    const out = allocUninit(a.dtype, a.size);
    if (!whereF32(cd, 1, ad, 1, bd, 1, out)) {
      for (let i = 0; i < out.length; i++) out[i] = cd[i] !== 0 ? ad[i]! : bd[i]!;
    }
    return new Tensor(out, a.shape, a.dtype);
  }
  let shape: number[];
  try {
    shape = broadcastShapes(fn, broadcastShapes(fn, cond.shape, a.shape), b.shape);
  } catch {
    throw new RangeError(
      `${fn}: shapes ${formatShape(cond.shape)} (condition), ${formatShape(a.shape)} (a) and ${formatShape(b.shape)} (b) cannot be broadcast together`,
    );
  }
  const n = sizeOf(shape);
  const out = allocUninit(a.dtype, n);
  // Common layouts (each operand either full-size or a single element): a strided loop with strides 1 or 0.
  const full = (t: Tensor) => shapesEqual(t.shape, shape);
  const one = (t: Tensor) => t.size === 1 && t.rank <= shape.length;
  if ((full(cond) || one(cond)) && (full(a) || one(a)) && (full(b) || one(b))) {
    const xc = full(cond) ? 1 : 0;
    const xa = full(a) ? 1 : 0;
    const xb = full(b) ? 1 : 0;
    if (!whereF32(cd, xc, ad, xa, bd, xb, out)) {
      for (let o = 0, pc = 0, pa = 0, pb = 0; o < n; o++, pc += xc, pa += xa, pb += xb) {
        out[o] = cd[pc] !== 0 ? ad[pa]! : bd[pb]!;
      }
    }
    return new Tensor(out, shape, a.dtype);
  }
  const rank = shape.length;
  const sc = broadcastStrides(cond.shape, rank);
  const sa = broadcastStrides(a.shape, rank);
  const sb = broadcastStrides(b.shape, rank);
  const index = new Array<number>(rank).fill(0);
  let pc = 0;
  let pa = 0;
  let pb = 0;
  for (let o = 0; o < n; o++) {
    out[o] = cd[pc] !== 0 ? ad[pa]! : bd[pb]!;
    for (let k = rank - 1; k >= 0; k--) {
      index[k]!++;
      pc += sc[k]!;
      pa += sa[k]!;
      pb += sb[k]!;
      if (index[k]! < shape[k]!) break;
      pc -= sc[k]! * shape[k]!;
      pa -= sa[k]! * shape[k]!;
      pb -= sb[k]! * shape[k]!;
      index[k] = 0;
    }
  }
  return new Tensor(out, shape, a.dtype);
}

/**
 * @internal A loop over three arrays for a binary elementwise op: element i of the output combines `x[i * xs]`
 * and `y[i * ys]`, where each stride is 1 (a full operand) or 0 (a one-element operand). Walk it with two
 * running indices: `for (let i = 0, p = 0, q = 0; i < out.length; i++, p += xs, q += ys)`.
 */
export type BinaryLoop = (x: TensorArray, y: TensorArray, out: TensorArray, xs: number, ys: number) => void;

/**
 * @internal Fast path for binary elementwise work in the common layouts — equal shapes, or one operand with a
 * single element that broadcasts to the other's shape — running the op's own tight `loop`. Returns null for any
 * other layout, so the caller falls back to the general broadcasting kernel.
 */
export function fastBinary(a: Tensor, b: Tensor, loop: BinaryLoop): Tensor | null {
  // device inputs: the caller's binaryKernel dispatches
  if (onDevice(a, b)) return null;
  let shape: readonly number[];
  let xs = 1;
  let ys = 1;
  if (shapesEqual(a.shape, b.shape)) shape = a.shape;
  else if (b.size === 1 && b.rank <= a.rank) {
    shape = a.shape;
    ys = 0;
  } else if (a.size === 1 && a.rank <= b.rank) {
    shape = b.shape;
    xs = 0;
  } else return null;
  const out = allocUninit(a.dtype, sizeOf(shape));
  loop(a.data, b.data, out, xs, ys);
  return new Tensor(out, shape, a.dtype);
}
