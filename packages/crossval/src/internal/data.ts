import { defineOptions, describe } from '@dl/internal';
import type { Label, Split, SplitData } from '../Splitter';

/** Resolved input of a splitter. */
export interface Resolved {
  n: number;
  y: ArrayLike<Label> | undefined;
  groups: ArrayLike<Label> | undefined;
}

function lengthOf(X: unknown): number | undefined {
  if (X === undefined || X === null) return undefined;
  const shape = (X as { shape?: unknown }).shape;
  if (Array.isArray(shape) && shape.length > 0) return shape[0] as number;
  const length = (X as { length?: unknown }).length;
  if (typeof length === 'number') return length;
  return -1;
}

/** The checker of {@link SplitData}: a splitter's `split(data)` argument (`{ n_samples }` suggests `nSamples`). */
export const splitDataOptions = /* @__PURE__ */ defineOptions<SplitData>()('split', {
  nSamples: undefined,
  X: undefined,
  y: undefined,
  groups: undefined,
});

/** Resolves the number of samples and checks that `X`, `y` and `groups` agree on it. */
export function resolveData(
  fn: string,
  data: SplitData | undefined,
  need: 'y' | 'groups' | 'both' | 'none',
  /** The name unknown keys are reported under (`kFold.split`); `null` skips the check (already checked). */
  label: string | null = `${fn}.split`,
): Resolved {
  if (data === null || typeof data !== 'object') {
    throw new TypeError(`${fn}: data must be an object { nSamples, X, y, groups }, got ${describe(data)}`);
  }
  const { nSamples, X, y, groups } = label === null ? data : splitDataOptions(data, label);
  if (
    nSamples !== undefined &&
    (typeof nSamples !== 'number' || !Number.isInteger(nSamples) || nSamples < 0)
  ) {
    throw new TypeError(`${fn}: nSamples must be a non-negative integer, got ${describe(nSamples)}`);
  }
  const xLen = lengthOf(X);
  if (xLen === -1) throw new TypeError(`${fn}: X must have a length or a shape, got ${describe(X)}`);
  for (const [name, arr] of [
    ['y', y],
    ['groups', groups],
  ] as const) {
    if (arr !== undefined && (arr === null || typeof (arr as ArrayLike<Label>).length !== 'number')) {
      throw new TypeError(`${fn}: ${name} must be an array, got ${describe(arr)}`);
    }
  }
  const n = nSamples ?? xLen ?? y?.length ?? groups?.length;
  if (n === undefined) {
    throw new TypeError(`${fn}: data must give nSamples, X, y or groups, got none of them`);
  }
  if (xLen !== undefined && xLen !== n) {
    throw new RangeError(`${fn}: X has ${xLen} samples, expected ${n} (nSamples)`);
  }
  if (y !== undefined && y.length !== n) {
    throw new RangeError(`${fn}: y has length ${y.length}, expected ${n} (the number of samples)`);
  }
  if (groups !== undefined && groups.length !== n) {
    throw new RangeError(`${fn}: groups has length ${groups.length}, expected ${n} (the number of samples)`);
  }
  if ((need === 'y' || need === 'both') && y === undefined) {
    throw new TypeError(`${fn}: data.y is required (the class labels to stratify on), got undefined`);
  }
  if ((need === 'groups' || need === 'both') && groups === undefined) {
    throw new TypeError(`${fn}: data.groups is required (the group of each sample), got undefined`);
  }
  return { n, y, groups };
}

/** Splits `0..n-1` by a fold array: test = samples with fold === f, train = the others (both ascending). */
export function splitByFold(folds: Int32Array, f: number, testCount: number): Split {
  const n = folds.length;
  const test = new Int32Array(testCount);
  const train = new Int32Array(n - testCount);
  let a = 0;
  let b = 0;
  for (let i = 0; i < n; i++) {
    if (folds[i] === f) test[b++] = i;
    else train[a++] = i;
  }
  return { train, test };
}

/** Splits `0..n-1` by test indices (any order, no duplicates), through a mask: both come out ascending. */
export function splitByTest(n: number, testIndices: ArrayLike<number>): Split {
  const mask = new Uint8Array(n);
  for (let i = 0; i < testIndices.length; i++) mask[testIndices[i]!] = 1;
  const train = new Int32Array(n - testIndices.length);
  const test = new Int32Array(testIndices.length);
  let a = 0;
  let b = 0;
  for (let i = 0; i < n; i++) {
    if (mask[i]) test[b++] = i;
    else train[a++] = i;
  }
  return { train, test };
}

/** Checks an integer option. */
export function checkInt(fn: string, arg: string, v: unknown, min: number): number {
  if (typeof v !== 'number' || !Number.isInteger(v) || v < min) {
    throw new RangeError(`${fn}: ${arg} must be an integer >= ${min}, got ${describe(v)}`);
  }
  return v;
}

/** Checks a boolean option. */
export function checkBool(fn: string, arg: string, v: unknown): boolean {
  if (typeof v !== 'boolean') throw new TypeError(`${fn}: ${arg} must be a boolean, got ${describe(v)}`);
  return v;
}
