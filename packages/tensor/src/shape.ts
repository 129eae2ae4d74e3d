import { describe } from '@dl/internal';
/** A tensor's shape: one non-negative integer per dimension, outermost first (row-major). */
export type Shape = readonly number[];

/** @internal Formats a shape the way every error message prints it: `[64, 10]`. */
export function formatShape(shape: Shape): string {
  return `[${shape.join(', ')}]`;
}

/** @internal Number of elements of a shape (1 for a scalar `[]`). */
export function sizeOf(shape: Shape): number {
  let n = 1;
  for (let i = 0; i < shape.length; i++) n *= shape[i]!;
  return n;
}

/** @internal Row-major strides of a shape. */
export function stridesOf(shape: Shape): number[] {
  const strides = new Array<number>(shape.length);
  let s = 1;
  for (let i = shape.length - 1; i >= 0; i--) {
    strides[i] = s;
    s *= shape[i]!;
  }
  return strides;
}

/** @internal Throws a TypeError naming `fn` unless `shape` is an array of non-negative integers. */
export function checkShape(fn: string, arg: string, shape: unknown): number[] {
  if (!Array.isArray(shape)) {
    throw new TypeError(`${fn}: ${arg} must be an array of non-negative integers, got ${describe(shape)}`);
  }
  for (const d of shape) {
    if (typeof d !== 'number' || !Number.isInteger(d) || d < 0) {
      throw new TypeError(
        `${fn}: ${arg} must be an array of non-negative integers, got [${shape.map(String).join(', ')}]`,
      );
    }
  }
  return shape.slice();
}

/** @internal Whether two shapes are equal. */
export function shapesEqual(a: Shape, b: Shape): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/**
 * @internal NumPy broadcasting of two shapes; throws a RangeError naming `fn` and both shapes when they are
 * incompatible.
 */
export function broadcastShapes(fn: string, a: Shape, b: Shape): number[] {
  const n = Math.max(a.length, b.length);
  const out = new Array<number>(n);
  for (let i = 0; i < n; i++) {
    const da = i < n - a.length ? 1 : a[i - (n - a.length)]!;
    const db = i < n - b.length ? 1 : b[i - (n - b.length)]!;
    if (da !== db && da !== 1 && db !== 1) {
      throw new RangeError(
        `${fn}: shapes ${formatShape(a)} and ${formatShape(b)} cannot be broadcast together (dimension ${i}: ${da} vs ${db})`,
      );
    }
    out[i] = da === 1 ? db : da;
  }
  return out;
}

/**
 * @internal Normalizes `axis` (a number, an array, or undefined for all axes) against `rank`, accepting
 * negative axes. Returns sorted, unique axes; throws a RangeError naming `fn` for an axis out of range.
 */
export function normalizeAxes(
  fn: string,
  axis: number | readonly number[] | undefined,
  rank: number,
): number[] {
  if (axis === undefined) return Array.from({ length: rank }, (_, i) => i);
  if (typeof axis !== 'number' && !Array.isArray(axis)) {
    throw new TypeError(`${fn}: axis must be an integer or an array of integers, got ${describe(axis)}`);
  }
  const list = typeof axis === 'number' ? [axis] : axis;
  const seen = new Set<number>();
  for (const a of list) {
    if (typeof a !== 'number' || !Number.isInteger(a) || a < -rank || a >= Math.max(rank, 1)) {
      throw new RangeError(
        `${fn}: axis must be an integer in [${-rank}, ${Math.max(rank - 1, 0)}] for a tensor of rank ${rank}, got ${describe(a)}`,
      );
    }
    const k = a < 0 ? a + rank : a;
    if (seen.has(k)) throw new RangeError(`${fn}: axis ${a} is repeated in [${list.join(', ')}]`);
    seen.add(k);
  }
  return [...seen].sort((x, y) => x - y);
}
