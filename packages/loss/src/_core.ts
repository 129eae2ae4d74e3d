// Shared machinery of every loss: input checks, class targets, class weights, reductions, and the two forms
// (tensor + autograd, plain arrays + analytic gradient) built from ONE definition of each loss's maths.
import { describe } from '@dl/internal';
import {
  div,
  fromData,
  type Int32TensorData,
  mean,
  noGrad,
  onesLike,
  reshape,
  sum,
  Tensor,
  type TensorData,
  tensor,
  toData,
} from '@dl/tensor';

/**
 * How a loss reduces its per-element values: `'none'` keeps them, `'mean'` averages them (PyTorch's weighted
 * mean where the loss says so), `'sum'` adds them.
 */
export type Reduction = 'none' | 'mean' | 'sum';

/**
 * Class indices: an int32 tensor, the tensor contract's `Int32TensorData` from @dl/tensor (`{ shape, data: Int32Array }`),
 * a plain array of integers, or a typed array of integers.
 */
export type ClassIndices =
  | Tensor
  | Int32TensorData
  | readonly number[]
  | Int8Array
  | Uint8Array
  | Int16Array
  | Uint16Array
  | Int32Array
  | Uint32Array;

/** A floating-point operand of a loss's plain-array form: `TensorData`, a typed array (1-D), or a tensor. */
export type PlainFloat = TensorData | Float32Array | Float64Array | Tensor;

/** What a loss's plain-array form returns: the loss and its gradient with respect to `input`. */
export interface LossValueAndGrad {
  /** The loss: a number for `'mean'`/`'sum'` (and `'batchmean'`), per-element values for `'none'`. */
  readonly value: number | LossData;
  /**
   * The analytic gradient of the loss with respect to the first argument (`input`), in its shape; for
   * `reduction: 'none'` the gradient of the sum of the per-element values.
   */
  readonly grad: LossData;
}

/** A shape plus row-major values; `Float64Array` when the inputs were float64. */
export interface LossData {
  /** The sizes of the dimensions, outermost first. */
  readonly shape: readonly number[];
  /** The values in row-major order. */
  readonly data: Float32Array | Float64Array;
}

/**
 * @internal One loss's maths, written once with @dl/tensor's differentiable ops. `value` gives the reduced loss
 * (the tensor form differentiates it with autograd, to any order); `inputGrad` is the analytic vector-Jacobian
 * product with respect to `args[0]` for a given gradient of the output (the plain-array form runs both under
 * `noGrad`). `prepare` checks and converts the user's arguments once for both forms.
 */
export interface LossSpec<O> {
  readonly fn: string;
  prepare(args: readonly unknown[], options: unknown): { args: Tensor[]; o: O };
  value(args: readonly Tensor[], o: O): Tensor;
  inputGrad(args: readonly Tensor[], o: O, gradOutput: Tensor): Tensor;
}

/** @internal The tensor form: checks, then the differentiable value. */
export function lossValue<O>(spec: LossSpec<O>, args: readonly unknown[], options: unknown): Tensor {
  const p = spec.prepare(args, options);
  return spec.value(p.args, p.o);
}

/** @internal The plain-array form: the same value, plus the analytic gradient, without recording a graph. */
export function lossValueAndGrad<O>(
  spec: LossSpec<O>,
  args: readonly unknown[],
  options: unknown,
  floatArgs: number,
): LossValueAndGrad {
  const first = args[0];
  try {
    const converted = args.map((a, i) =>
      i < floatArgs || isFloatData(a) ? plainToTensor(spec.fn, i, a, first) : a,
    );
    return noGrad(() => {
      const p = spec.prepare(converted, options);
      const v = spec.value(p.args, p.o);
      const g = spec.inputGrad(p.args, p.o, onesLike(v));
      const reduced = (p.o as { reduction?: string }).reduction !== 'none';
      return { value: reduced ? v.item() : plainData(v), grad: plainData(g) };
    });
  } catch (e) {
    throw renamed(e, spec.fn, `${spec.fn}ValueAndGrad`);
  }
}

/** The same error naming the function the user called (the checks are shared with the tensor form). */
function renamed(e: unknown, from: string, to: string): unknown {
  if ((e instanceof TypeError || e instanceof RangeError) && e.message.startsWith(`${from}:`)) {
    const Ctor = e instanceof TypeError ? TypeError : RangeError;
    return new Ctor(`${to}${e.message.slice(from.length)}`);
  }
  return e;
}

function plainData(t: Tensor): LossData {
  if (t.dtype === 'float64') return { shape: [...t.shape], data: t.data as Float64Array };
  const d = toData(t);
  return { shape: [...d.shape], data: d.data as Float32Array };
}

function isFloatData(a: unknown): boolean {
  if (a instanceof Float32Array || a instanceof Float64Array) return true;
  if (a instanceof Tensor) return false;
  return (
    typeof a === 'object' &&
    a !== null &&
    'shape' in a &&
    'data' in a &&
    ((a as { data: unknown }).data instanceof Float32Array ||
      (a as { data: unknown }).data instanceof Float64Array)
  );
}

const ARG_NAMES = ['input', 'target', 'third argument'];

function plainToTensor(fn: string, i: number, a: unknown, first: unknown): Tensor {
  if (a instanceof Tensor) return a.detach();
  if (a instanceof Float32Array || a instanceof Float64Array) {
    // A bare typed array takes the first argument's shape when it has as many elements, else it is 1-D.
    const firstShape =
      i > 0 && typeof first === 'object' && first !== null && 'shape' in first
        ? ((first as { shape: readonly number[] }).shape as number[])
        : undefined;
    const shape =
      firstShape !== undefined && firstShape.reduce((x, y) => x * y, 1) === a.length
        ? firstShape
        : [a.length];
    return tensor(a, { shape });
  }
  if (typeof a === 'object' && a !== null && 'shape' in a && 'data' in a) {
    const d = a as { shape: readonly number[]; data: unknown };
    if (d.data instanceof Float64Array) return tensor(d.data, { shape: [...d.shape] });
    return fromData(a as TensorData);
  }
  throw new TypeError(
    `${fn}: ${ARG_NAMES[i] ?? `argument ${i + 1}`} must be TensorData, a Float32Array or a Float64Array, got ${describe(a)}`,
  );
}

// ---------------------------------------------------------------------------------------------------------------
// Checks

/** @internal A floating-point, non-empty tensor. */
export function checkFloat(fn: string, name: string, x: unknown): Tensor {
  if (!(x instanceof Tensor)) {
    throw new TypeError(`${fn}: ${name} must be a Tensor, got ${describe(x)}`);
  }
  if (x.dtype === 'int32') {
    throw new TypeError(
      `${fn}: ${name} must be a float32 or float64 tensor, got int32; convert it with cast() first`,
    );
  }
  if (x.size === 0) {
    throw new RangeError(
      `${fn}: ${name} is empty (shape ${shapeText(x.shape)}); a loss needs at least one element`,
    );
  }
  return x;
}

/** @internal A tensor of exactly `like`'s shape and dtype (no broadcasting: [N] against [N, 1] is an error). */
export function checkSame(fn: string, name: string, x: unknown, like: Tensor, likeName = 'input'): Tensor {
  if (!(x instanceof Tensor)) {
    throw new TypeError(`${fn}: ${name} must be a Tensor, got ${describe(x)}`);
  }
  if (x.dtype !== like.dtype) {
    throw new TypeError(
      `${fn}: ${name} has dtype ${x.dtype}, expected ${likeName}'s dtype ${like.dtype}; convert it with cast() first`,
    );
  }
  if (!sameShape(x.shape, like.shape)) {
    throw new RangeError(
      `${fn}: ${name} has shape ${shapeText(x.shape)}, expected ${likeName}'s shape ${shapeText(like.shape)} (losses do not broadcast: reshape one of them)`,
    );
  }
  return x;
}

/** @internal One of the allowed reductions. */
export function checkReduction<R extends string>(fn: string, reduction: unknown, allowed: readonly R[]): R {
  if (typeof reduction !== 'string' || !(allowed as readonly string[]).includes(reduction)) {
    throw new RangeError(
      `${fn}: reduction must be ${allowed.map((r) => `'${r}'`).join(', ')}, got ${describe(reduction)}`,
    );
  }
  return reduction as R;
}

/** @internal A finite number within [lo, hi] (or > lo when `open`). */
export function checkNumber(
  fn: string,
  name: string,
  x: unknown,
  lo: number,
  hi = Number.POSITIVE_INFINITY,
  open = false,
): number {
  const ok = typeof x === 'number' && !Number.isNaN(x) && (open ? x > lo : x >= lo) && x <= hi;
  if (!ok) {
    const range = hi === Number.POSITIVE_INFINITY ? (open ? `> ${lo}` : `>= ${lo}`) : `in [${lo}, ${hi}]`;
    throw new RangeError(`${fn}: ${name} must be a number ${range}, got ${describe(x)}`);
  }
  return x as number;
}

/** @internal A tensor of `x`'s dtype whose shape broadcasts to `x`'s without growing it (a weight). */
export function checkBroadcast(fn: string, name: string, w: unknown, x: Tensor): Tensor | undefined {
  if (w === undefined) return undefined;
  if (!(w instanceof Tensor)) throw new TypeError(`${fn}: ${name} must be a Tensor, got ${describe(w)}`);
  if (w.dtype !== x.dtype) {
    throw new TypeError(
      `${fn}: ${name} has dtype ${w.dtype}, expected input's dtype ${x.dtype}; convert it with cast() first`,
    );
  }
  const off = x.rank - w.rank;
  const ok = off >= 0 && w.shape.every((d, k) => d === 1 || d === x.shape[k + off]);
  if (!ok) {
    throw new RangeError(
      `${fn}: ${name} has shape ${shapeText(w.shape)}, which does not broadcast to input's shape ${shapeText(x.shape)}`,
    );
  }
  return w;
}

/** @internal Values of a float tensor, or the integers of an int32 tensor / array. */
function targetValues(
  fn: string,
  name: string,
  target: unknown,
  shape: readonly number[],
): ArrayLike<number> {
  if (target instanceof Tensor && target.dtype !== 'int32') {
    if (!sameShape(target.shape, shape)) {
      throw new RangeError(
        `${fn}: ${name} has shape ${shapeText(target.shape)}, expected ${shapeText(shape)}`,
      );
    }
    return target.data;
  }
  return toIntegers(fn, name, target, shape);
}

/** @internal Targets of -1 / 1 (hinge, margin ranking, cosine embedding), of `like`'s shape. */
export function checkSigns(
  fn: string,
  name: string,
  target: unknown,
  shape: readonly number[],
  dtype: Tensor['dtype'],
): Tensor {
  const t = targetValues(fn, name, target, shape);
  for (let i = 0; i < t.length; i++) {
    if (t[i] !== 1 && t[i] !== -1) {
      throw new RangeError(`${fn}: ${name} must hold only 1 and -1, got ${t[i]} at index ${i}`);
    }
  }
  return constant(t, shape, dtype);
}

/** @internal Targets of 0 / 1 (multilabel), of `shape`, as a float constant. */
export function checkBinary(
  fn: string,
  name: string,
  target: unknown,
  shape: readonly number[],
  dtype: Tensor['dtype'],
): Tensor {
  if (target instanceof Tensor && target.dtype !== 'int32') {
    if (target.dtype !== dtype) {
      throw new TypeError(
        `${fn}: ${name} has dtype ${target.dtype}, expected input's dtype ${dtype}; convert it with cast() first`,
      );
    }
    if (!sameShape(target.shape, shape)) {
      throw new RangeError(
        `${fn}: ${name} has shape ${shapeText(target.shape)}, expected input's shape ${shapeText(shape)}`,
      );
    }
    return target;
  }
  const t = toIntegers(fn, name, target, shape);
  for (let i = 0; i < t.length; i++) {
    if (t[i] !== 0 && t[i] !== 1)
      throw new RangeError(`${fn}: ${name} must hold only 0 and 1, got ${t[i]} at index ${i}`);
  }
  return constant(t, shape, dtype);
}

/** @internal Shapes as error messages print them: `[64, 10]`. */
export function shapeText(shape: readonly number[]): string {
  return `[${shape.join(', ')}]`;
}

export function sameShape(a: readonly number[], b: readonly number[]): boolean {
  return a.length === b.length && a.every((d, i) => d === b[i]);
}

// ---------------------------------------------------------------------------------------------------------------
// Class targets and weights

/** @internal `{ shape, data: Int32Array }`: the tensor contract's labels (`Int32TensorData` from @dl/tensor). */
function isInt32Data(a: unknown): a is Int32TensorData {
  return (
    typeof a === 'object' &&
    a !== null &&
    !(a instanceof Tensor) &&
    Array.isArray((a as { shape?: unknown }).shape) &&
    (a as { data?: unknown }).data instanceof Int32Array
  );
}

/** @internal Integer values of `target` (a tensor, array or typed array) checked against `shape`. */
export function toIntegers(fn: string, name: string, target: unknown, shape: readonly number[]): Int32Array {
  let values: ArrayLike<number>;
  let got: readonly number[];
  if (target instanceof Tensor) {
    if (target.dtype !== 'int32') {
      throw new TypeError(
        `${fn}: ${name} must hold integers (an int32 tensor, an array or an integer typed array), got a ${target.dtype} tensor`,
      );
    }
    values = target.data;
    got = target.shape;
  } else if (Array.isArray(target) || (ArrayBuffer.isView(target) && !(target instanceof DataView))) {
    values = target as ArrayLike<number>;
    got = [values.length];
  } else if (isInt32Data(target)) {
    values = target.data;
    got = target.shape;
  } else {
    throw new TypeError(
      `${fn}: ${name} must be an int32 tensor or Int32TensorData, an array or a typed array of integers, got ${describe(target)}`,
    );
  }
  const size = shape.reduce((a, b) => a * b, 1);
  const withShape = target instanceof Tensor || isInt32Data(target);
  const shapeOk = withShape ? sameShape(got, shape) : values.length === size;
  if (!shapeOk) {
    throw new RangeError(
      `${fn}: ${name} has shape ${shapeText(got)}, expected ${shapeText(shape)}${withShape ? '' : ` (${size} values)`}`,
    );
  }
  if (values instanceof Int32Array) return values;
  const out = new Int32Array(values.length);
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (typeof v !== 'number' || !Number.isInteger(v)) {
      throw new TypeError(`${fn}: ${name} must hold integers, got ${describe(v)} at index ${i}`);
    }
    out[i] = v;
  }
  return out;
}

/**
 * @internal Class indices in [0, C) (or equal to `ignoreIndex`).
 */
export function classIndices(
  fn: string,
  target: unknown,
  shape: readonly number[],
  numClasses: number,
  ignoreIndex: number | undefined,
): Int32Array {
  const y = toIntegers(fn, 'target', target, shape);
  for (let i = 0; i < y.length; i++) {
    const c = y[i]!;
    if ((c < 0 || c >= numClasses) && c !== ignoreIndex) {
      const ign = ignoreIndex === undefined ? '' : ` or ignoreIndex (${ignoreIndex})`;
      throw new RangeError(
        `${fn}: target must hold class indices in [0, ${numClasses})${ign}, got ${c} at index ${i}`,
      );
    }
  }
  return y;
}

/** @internal Per-class weights: `numClasses` finite, non-negative numbers. Returns them as float64 values. */
export function classWeights(
  fn: string,
  name: string,
  weight: unknown,
  numClasses: number,
): Float64Array | undefined {
  if (weight === undefined) return undefined;
  let values: ArrayLike<number>;
  let shape: readonly number[];
  if (weight instanceof Tensor) {
    values = weight.data;
    shape = weight.shape;
  } else if (Array.isArray(weight) || (ArrayBuffer.isView(weight) && !(weight instanceof DataView))) {
    values = weight as ArrayLike<number>;
    shape = [values.length];
  } else {
    throw new TypeError(
      `${fn}: ${name} must be a tensor or an array of ${numClasses} numbers, got ${describe(weight)}`,
    );
  }
  if (shape.length !== 1 || values.length !== numClasses) {
    throw new RangeError(
      `${fn}: ${name} must hold one weight per class (${numClasses}), got shape ${shapeText(shape)}`,
    );
  }
  const out = new Float64Array(numClasses);
  for (let i = 0; i < numClasses; i++) {
    const v = values[i];
    if (typeof v !== 'number' || !Number.isFinite(v) || v < 0) {
      throw new RangeError(
        `${fn}: ${name} must hold finite non-negative numbers, got ${describe(v)} at index ${i}`,
      );
    }
    out[i] = v;
  }
  return out;
}

/** @internal A float tensor of given values, shape and dtype (a constant: never requires gradients). */
export function constant(
  values: ArrayLike<number>,
  shape: readonly number[],
  dtype: Tensor['dtype'],
): Tensor {
  const data = dtype === 'float64' ? Float64Array.from(values) : Float32Array.from(values);
  return tensor(data, { shape: [...shape] });
}

// ---------------------------------------------------------------------------------------------------------------
// Reductions

/** @internal Reduces per-element losses: mean over all elements, sum, or none. */
export function reduce(loss: Tensor, reduction: string): Tensor {
  if (reduction === 'none') return loss;
  if (reduction === 'sum') return sum(loss);
  return mean(loss);
}

/**
 * @internal The gradient of the reduced loss with respect to each per-element loss of shape `shape`, given the
 * gradient of the output (`gradOutput`: a scalar, or per-element for `'none'`); `divisor` is the mean's
 * denominator (the number of elements unless given).
 */
export function seedOf(
  gradOutput: Tensor,
  reduction: string,
  shape: readonly number[],
  divisor?: number,
): Tensor {
  if (reduction === 'none') return reshape(gradOutput, [...shape]);
  const g = reshape(gradOutput, []);
  if (reduction === 'sum') return g;
  return div(g, divisor ?? shape.reduce((a, b) => a * b, 1));
}
