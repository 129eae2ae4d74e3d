import { describe } from '@dl/internal';
import { Tensor } from '@dl/tensor';

import type { Matrix } from '../Scaler';

/** A matrix read into float64, row-major, with what is needed to write a result of the same kind. */
export interface ReadMatrix {
  rows: number;
  cols: number;
  data: Float64Array;
  like: Matrix;
}

/**
 * Reads `x` (rows of numbers or a rank-2 float tensor) into float64. NaN is allowed (missing values, ignored
 * by the statistics as scikit-learn does); ±Infinity is a RangeError, as scikit-learn's "Input contains infinity".
 */
export function readMatrix(fn: string, arg: string, x: unknown): ReadMatrix {
  if (x instanceof Tensor) {
    if (x.dtype === 'int32') {
      throw new TypeError(
        `${fn}: ${arg} must be a float32 or float64 tensor, got int32; convert it with cast() first`,
      );
    }
    if (x.rank !== 2) {
      throw new RangeError(
        `${fn}: ${arg} must be 2-D [nSamples, nFeatures], got a tensor of shape [${x.shape.join(', ')}]`,
      );
    }
    const data = Float64Array.from(x.data);
    checkFinite(fn, arg, data, x.shape[1]!);
    return { rows: x.shape[0]!, cols: x.shape[1]!, data, like: x };
  }
  if (!Array.isArray(x)) {
    throw new TypeError(`${fn}: ${arg} must be an array of rows or a 2-D Tensor, got ${describe(x)}`);
  }
  const rows = x.length;
  if (rows === 0) throw new RangeError(`${fn}: ${arg} must have at least one row, got []`);
  const first = x[0];
  if (!Array.isArray(first)) {
    throw new TypeError(
      `${fn}: ${arg} must be 2-D (an array of rows), got row 0 = ${describe(first)}; wrap a single feature as [[x0], [x1], ...]`,
    );
  }
  const cols = first.length;
  const data = new Float64Array(rows * cols);
  for (let i = 0; i < rows; i++) {
    const row = x[i];
    if (!Array.isArray(row) || row.length !== cols) {
      throw new RangeError(
        `${fn}: ${arg} must be rectangular, got row ${i} = ${describe(row)} where row 0 has ${cols} values`,
      );
    }
    for (let j = 0; j < cols; j++) {
      const v = row[j];
      if (typeof v !== 'number') {
        throw new TypeError(`${fn}: ${arg}[${i}][${j}] must be a number, got ${describe(v)}`);
      }
      data[i * cols + j] = v;
    }
  }
  checkFinite(fn, arg, data, cols);
  return { rows, cols, data, like: x };
}

function checkFinite(fn: string, arg: string, data: Float64Array, cols: number): void {
  for (let k = 0; k < data.length; k++) {
    const v = data[k]!;
    if (v === Infinity || v === -Infinity) {
      const i = Math.floor(k / cols);
      throw new RangeError(
        `${fn}: ${arg}[${i}][${k - i * cols}] is ${v}; expected finite values (NaN marks a missing value)`,
      );
    }
  }
}

/** Writes `data` in the kind of `like`: rows of numbers, or a tensor of the same shape and dtype. */
export function writeMatrix(like: Matrix, rows: number, cols: number, data: Float64Array): Matrix {
  if (like instanceof Tensor) {
    const out = like.dtype === 'float32' ? Float32Array.from(data) : data;
    return new Tensor(out, [rows, cols], like.dtype);
  }
  const out: number[][] = [];
  for (let i = 0; i < rows; i++) out.push(Array.from(data.subarray(i * cols, (i + 1) * cols)));
  return out;
}

/** Checks that a matrix has the fitted number of features. */
export function checkWidth(
  fn: string,
  arg: string,
  m: ReadMatrix,
  nFeatures: number,
  what = 'the fitted',
): void {
  if (m.cols !== nFeatures) {
    throw new RangeError(
      `${fn}: ${arg} has ${m.cols} features (shape [${m.rows}, ${m.cols}]), expected ${nFeatures} as in ${what} state`,
    );
  }
}

/**
 * scikit-learn's `_handle_zeros_in_scale`: scales below $10\varepsilon$ (or flagged by `constant`) become 1, so
 * constant features are left unscaled instead of divided by zero.
 */
export function handleZeros(scale: number[], constant?: boolean[]): number[] {
  const tiny = 10 * Number.EPSILON;
  return scale.map((s, j) => ((constant === undefined ? s < tiny : constant[j]) ? 1 : s));
}

/** Checks a fitted state's kind and width before use (state from `fit`, `partialFit` or `JSON.parse`). */
export function checkState<S extends { kind: string; nFeatures: number }>(
  fn: string,
  kind: S['kind'],
  state: unknown,
): S {
  if (state === undefined || state === null) {
    throw new TypeError(
      `${fn}: state is ${String(state)}; call fit (or partialFit) first and pass the state it returns`,
    );
  }
  const s = state as Partial<S>;
  if (typeof state !== 'object' || s.kind !== kind) {
    const got = typeof state === 'object' ? `a state of kind ${describe(s.kind)}` : describe(state);
    throw new TypeError(`${fn}: state must be a ${kind} state (from ${kind}().fit), got ${got}`);
  }
  if (typeof s.nFeatures !== 'number' || !Number.isInteger(s.nFeatures) || s.nFeatures < 1) {
    throw new TypeError(`${fn}: state.nFeatures must be a positive integer, got ${describe(s.nFeatures)}`);
  }
  return state as S;
}

/** Checks that a statistic of a state is a list of `n` numbers (finite unless NaN is allowed). */
export function checkVector(fn: string, name: string, v: unknown, n: number): number[] {
  if (!Array.isArray(v) || v.length !== n || v.some((e) => typeof e !== 'number' || !Number.isFinite(e))) {
    throw new RangeError(`${fn}: state.${name} must be ${n} finite numbers, got ${describe(v)}`);
  }
  return v as number[];
}

/** The error for a feature with no observed value (all NaN), whose statistics would be NaN. */
export function allMissing(fn: string, j: number): RangeError {
  return new RangeError(
    `${fn}: feature ${j} has no non-NaN value, so its statistics are not finite; drop or impute that column first`,
  );
}
