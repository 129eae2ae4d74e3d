import { describe } from '@dl/internal';
import type { Label } from '../types';

/** A dense row-major matrix of float64 values. */
export interface Dense {
  rows: number;
  cols: number;
  data: Float64Array;
}

export const show = describe;

function isTensorLike(x: unknown): x is { shape: readonly number[]; data: ArrayLike<number> } {
  return (
    typeof x === 'object' &&
    x !== null &&
    !Array.isArray(x) &&
    !ArrayBuffer.isView(x) &&
    Array.isArray((x as { shape?: unknown }).shape) &&
    typeof (x as { data?: unknown }).data === 'object'
  );
}

function isArrayLike(x: unknown): x is ArrayLike<unknown> {
  return Array.isArray(x) || (ArrayBuffer.isView(x) && !(x instanceof DataView));
}

/** True when `x` is a matrix input: nested arrays, or a tensor-like value of rank 2. */
export function isMatrix(x: unknown): boolean {
  if (isTensorLike(x)) return x.shape.length === 2;
  return Array.isArray(x) && x.length > 0 && isArrayLike(x[0]);
}

/**
 * Reads a 1-D input (plain array, typed array, tensor-like of shape [n] or [n, 1]) as a plain array; an empty
 * input is a RangeError.
 */
export function flat(fn: string, arg: string, x: unknown): ArrayLike<unknown> {
  let out: ArrayLike<unknown>;
  if (isTensorLike(x)) {
    const { shape, data } = x;
    const n = shape.reduce((a, b) => a * b, 1);
    if (!(shape.length === 1 || (shape.length === 2 && shape[1] === 1)) || data.length !== n) {
      throw new RangeError(
        `${fn}: ${arg} must be 1-D (shape [n] or [n, 1]), got a tensor of shape [${shape.join(', ')}]`,
      );
    }
    out = data;
  } else if (isArrayLike(x)) {
    if (Array.isArray(x) && x.length > 0 && isArrayLike(x[0])) {
      // a column vector [[a], [b], …] is read as 1-D, as scikit-learn's column_or_1d does
      if (x.every((r) => isArrayLike(r) && r.length === 1)) return x.map((r) => (r as ArrayLike<unknown>)[0]);
      throw new RangeError(
        `${fn}: ${arg} must be 1-D, got a nested array of ${x.length} rows of length ${(x[0] as ArrayLike<unknown>).length}`,
      );
    }
    out = x;
  } else {
    throw new TypeError(
      `${fn}: ${arg} must be an array, a typed array or a { shape, data } tensor, got ${show(x)}`,
    );
  }
  if (out.length === 0) throw new RangeError(`${fn}: ${arg} must not be empty, got 0 samples`);
  return out;
}

/** Reads labels: numbers (finite) or strings, all of one kind. */
export function labels(fn: string, arg: string, x: unknown): Label[] {
  const a = flat(fn, arg, x);
  if (ArrayBuffer.isView(a)) {
    // numeric typed data: only finiteness to check
    const t = a as unknown as ArrayLike<number>;
    for (let i = 0; i < t.length; i++) {
      if (!Number.isFinite(t[i]!))
        throw new RangeError(`${fn}: ${arg} must hold finite labels, got ${show(t[i])} at index ${i}`);
    }
    // a float64 copy (exact for every typed array of numbers) is read like an array by every caller
    return new Float64Array(t) as unknown as Label[];
  }
  const out: Label[] = new Array(a.length);
  const kind = typeof a[0];
  for (let i = 0; i < a.length; i++) {
    const v = a[i];
    if (typeof v === 'number') {
      if (!Number.isFinite(v))
        throw new RangeError(`${fn}: ${arg} must hold finite labels, got ${show(v)} at index ${i}`);
    } else if (typeof v !== 'string') {
      throw new TypeError(`${fn}: ${arg} must hold numbers or strings, got ${show(v)} at index ${i}`);
    }
    if (typeof v !== kind) {
      throw new TypeError(
        `${fn}: ${arg} mixes numbers and strings (${show(a[0])} at index 0, ${show(v)} at index ${i}); use one kind of label`,
      );
    }
    out[i] = v;
  }
  return out;
}

/** Reads numbers into a Float64Array; NaN and ±Infinity are RangeErrors. */
export function numbers(fn: string, arg: string, x: unknown): Float64Array {
  const a = flat(fn, arg, x);
  const out = new Float64Array(a.length);
  for (let i = 0; i < a.length; i++) {
    const v = a[i];
    if (typeof v !== 'number')
      throw new TypeError(`${fn}: ${arg} must hold numbers, got ${show(v)} at index ${i}`);
    if (!Number.isFinite(v))
      throw new RangeError(`${fn}: ${arg} must be finite, got ${show(v)} at index ${i}`);
    out[i] = v;
  }
  return out;
}

/** Reads a matrix (nested arrays or a rank-2 tensor-like) with finite values. */
export function matrix(fn: string, arg: string, x: unknown): Dense {
  if (isTensorLike(x)) {
    const { shape, data } = x;
    if (shape.length !== 2 || data.length !== shape[0]! * shape[1]!) {
      throw new RangeError(`${fn}: ${arg} must be 2-D [n, k], got a tensor of shape [${shape.join(', ')}]`);
    }
    const [rows, cols] = shape as [number, number];
    if (rows === 0 || cols === 0)
      throw new RangeError(`${fn}: ${arg} must not be empty, got shape [${rows}, ${cols}]`);
    const out = new Float64Array(rows * cols);
    for (let i = 0; i < out.length; i++) {
      const v = data[i]!;
      if (!Number.isFinite(v)) {
        throw new RangeError(
          `${fn}: ${arg} must be finite, got ${show(v)} at [${Math.floor(i / cols)}, ${i % cols}]`,
        );
      }
      out[i] = v;
    }
    return { rows, cols, data: out };
  }
  if (!Array.isArray(x) || x.length === 0 || !isArrayLike(x[0])) {
    if (Array.isArray(x) && x.length === 0)
      throw new RangeError(`${fn}: ${arg} must not be empty, got 0 samples`);
    throw new TypeError(
      `${fn}: ${arg} must be a nested array [n][k] or a { shape: [n, k], data } tensor, got ${show(x)}`,
    );
  }
  const rows = x.length;
  const cols = (x[0] as ArrayLike<unknown>).length;
  if (cols === 0) throw new RangeError(`${fn}: ${arg} must not be empty, got rows of length 0`);
  const out = new Float64Array(rows * cols);
  for (let i = 0; i < rows; i++) {
    const r = x[i] as ArrayLike<unknown>;
    if (!isArrayLike(r) || r.length !== cols) {
      throw new RangeError(
        `${fn}: ${arg} must have rows of equal length ${cols}, got ${isArrayLike(r) ? `length ${r.length}` : show(r)} at row ${i}`,
      );
    }
    for (let j = 0; j < cols; j++) {
      const v = r[j];
      if (typeof v !== 'number')
        throw new TypeError(`${fn}: ${arg} must hold numbers, got ${show(v)} at [${i}, ${j}]`);
      if (!Number.isFinite(v))
        throw new RangeError(`${fn}: ${arg} must be finite, got ${show(v)} at [${i}, ${j}]`);
      out[i * cols + j] = v;
    }
  }
  return { rows, cols, data: out };
}

/** Reads a multilabel indicator matrix: every value 0 or 1. */
export function indicator(fn: string, arg: string, x: unknown): Dense {
  const m = matrix(fn, arg, x);
  for (let i = 0; i < m.data.length; i++) {
    const v = m.data[i]!;
    if (v !== 0 && v !== 1) {
      throw new RangeError(
        `${fn}: ${arg} as a multilabel indicator matrix must hold only 0 and 1, got ${show(v)} at [${Math.floor(i / m.cols)}, ${i % m.cols}]`,
      );
    }
  }
  return m;
}

/** Checks that lengths agree. */
export function sameLength(fn: string, a: string, n: number, b: string, m: number): void {
  if (n !== m)
    throw new RangeError(`${fn}: ${a} and ${b} must have the same number of samples, got ${n} and ${m}`);
}

/** Reads optional sample weights: finite, >= 0, one per sample. */
export function weights(fn: string, x: unknown, n: number): Float64Array | undefined {
  if (x === undefined || x === null) return undefined;
  const w = numbers(fn, 'sampleWeight', x);
  sameLength(fn, 'sampleWeight', w.length, 'yTrue', n);
  for (let i = 0; i < w.length; i++) {
    if (w[i]! < 0) throw new RangeError(`${fn}: sampleWeight must be >= 0, got ${w[i]} at index ${i}`);
  }
  return w;
}

/** Checks a number option. */
export function num(
  fn: string,
  arg: string,
  v: unknown,
  ok: (v: number) => boolean,
  expected: string,
): number {
  if (typeof v !== 'number' || !ok(v))
    throw new RangeError(`${fn}: ${arg} must be ${expected}, got ${show(v)}`);
  return v;
}

/** Checks a string option among choices. */
export function oneOf<T extends string | boolean | number | null>(
  fn: string,
  arg: string,
  v: unknown,
  choices: readonly T[],
): T {
  if (!choices.includes(v as T)) {
    throw new RangeError(
      `${fn}: ${arg} must be one of ${choices.map((c) => show(c)).join(', ')}, got ${show(v)}`,
    );
  }
  return v as T;
}

/** Compares labels as numpy sorts them: numbers numerically, strings by code unit. */
export function compareLabels(a: Label, b: Label): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** The sorted distinct labels of several label arrays (all of one kind). */
export function uniqueLabels(fn: string, ...arrays: { name: string; values: readonly Label[] }[]): Label[] {
  const set = new Set<Label>();
  let kind: string | undefined;
  let first = '';
  for (const { name, values } of arrays) {
    if (values.length === 0) continue;
    const k = typeof values[0];
    if (kind === undefined) {
      kind = k;
      first = name;
    } else if (k !== kind) {
      throw new TypeError(
        `${fn}: ${first} holds ${kind}s but ${name} holds ${k}s (${show(values[0])}); labels of one call must be of one kind`,
      );
    }
    // small non-negative integer labels are the rule: a table of flags beats a Set
    const seen = new Uint8Array(SMALL);
    let i = 0;
    for (; i < values.length; i++) {
      const v = values[i]!;
      if (typeof v !== 'number' || v < 0 || v >= SMALL || (v | 0) !== v) break;
      seen[v] = 1;
    }
    for (let c = 0; c < SMALL; c++) if (seen[c]) set.add(c);
    for (; i < values.length; i++) set.add(values[i]!);
  }
  return [...set].sort(compareLabels);
}

/** Reads a user-given label list: distinct, of the same kind as the data. */
export function labelList(fn: string, x: unknown, kindOf?: Label): Label[] {
  if (!Array.isArray(x) && !ArrayBuffer.isView(x)) {
    throw new TypeError(`${fn}: labels must be an array of numbers or strings, got ${show(x)}`);
  }
  const out = Array.from(labels(fn, 'labels', x));
  if (new Set(out).size !== out.length)
    throw new RangeError(`${fn}: labels must be distinct, got ${show(out)}`);
  if (kindOf !== undefined && typeof out[0] !== typeof kindOf) {
    throw new TypeError(`${fn}: labels must be ${typeof kindOf}s like the data, got ${show(out[0])}`);
  }
  return out;
}

/** Maps labels to indices into `classes`; -1 for labels outside. */
const SMALL = 1024;

export function encode(values: readonly Label[], classes: readonly Label[]): Int32Array {
  if (classes.every((c) => typeof c === 'number' && c >= 0 && c < SMALL && (c | 0) === c)) {
    const table = new Int32Array(SMALL).fill(-1);
    classes.forEach((c, i) => {
      table[c as number] = i;
    });
    const out = new Int32Array(values.length);
    for (let i = 0; i < values.length; i++) {
      const v = values[i] as number;
      out[i] = v >= 0 && v < SMALL && (v | 0) === v ? table[v]! : classes.indexOf(v);
    }
    return out;
  }
  if (classes.length <= 16) {
    const out = new Int32Array(values.length);
    let last: Label | undefined;
    let lastIndex = -1;
    for (let i = 0; i < values.length; i++) {
      const v = values[i]!;
      if (v !== last) {
        last = v;
        lastIndex = classes.indexOf(v);
      }
      out[i] = lastIndex;
    }
    return out;
  }
  const index = new Map<Label, number>();
  for (let i = 0; i < classes.length; i++) index.set(classes[i]!, i);
  const out = new Int32Array(values.length);
  for (let i = 0; i < values.length; i++) out[i] = index.get(values[i]!) ?? -1;
  return out;
}

/** np.average(values, weights) */
export function average(values: ArrayLike<number>, w?: ArrayLike<number>): number {
  let s = 0;
  if (!w) {
    for (let i = 0; i < values.length; i++) s += values[i]!;
    return s / values.length;
  }
  let sw = 0;
  for (let i = 0; i < values.length; i++) {
    s += values[i]! * w[i]!;
    sw += w[i]!;
  }
  return s / sw;
}
