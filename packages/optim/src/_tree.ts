// Parameter trees: one walk flattens a tree into leaves with their paths, shapes and arrays.
import { describe } from '@dl/internal';
import type { FloatArray } from './types';

const BRAND = Symbol.for('@dl/tensor.Tensor');

/** One leaf of a flattened tree. */
export interface Leaf {
  path: string;
  shape: readonly number[];
  data: FloatArray;
  /** Whether the leaf is a bare typed array (its shape is only its length). */
  bare?: boolean;
}

/** A flattened tree: its leaves (null for a missing gradient) and a function that rebuilds the structure. */
export interface Flat {
  readonly leaves: (Leaf | null)[];
  readonly rebuild: <T>(values: readonly T[]) => unknown;
}

export const isTensor = (x: unknown): x is { data: unknown; shape: number[]; dtype: string; grad: unknown } =>
  typeof x === 'object' && x !== null && (x as Record<symbol, unknown>)[BRAND] === true;

const isFloatArray = (x: unknown): x is FloatArray => x instanceof Float32Array || x instanceof Float64Array;

const shapeText = (s: readonly number[]) => `[${s.join(', ')}]`;

/** The leaf a value stands for, or undefined when it is a branch (record or array). Throws for bad leaves. */
function asLeaf(fn: string, path: string, x: unknown): Leaf | undefined {
  if (isFloatArray(x)) return { path, shape: [x.length], data: x, bare: true };
  if (isTensor(x)) {
    if (!isFloatArray(x.data)) {
      throw new TypeError(
        `${fn}: ${path} must be a float32 or float64 tensor, got dtype ${describe(x.dtype)}`,
      );
    }
    return { path, shape: x.shape, data: x.data };
  }
  if (typeof x === 'object' && x !== null && !Array.isArray(x) && 'data' in x && 'shape' in x) {
    const { data, shape } = x as { data: unknown; shape: unknown };
    if (!(data instanceof Float32Array || data instanceof Float64Array)) {
      throw new TypeError(
        `${fn}: ${path}.data must be a Float32Array or Float64Array, got ${describe(data)}`,
      );
    }
    if (!Array.isArray(shape) || shape.some((d) => !Number.isInteger(d) || d < 0)) {
      throw new TypeError(
        `${fn}: ${path}.shape must be an array of non-negative integers, got ${describe(shape)}`,
      );
    }
    const size = shape.reduce((a: number, b: number) => a * b, 1);
    if (size !== data.length) {
      throw new RangeError(
        `${fn}: ${path} has shape ${shapeText(shape)} (${size} elements) but its data holds ${data.length}`,
      );
    }
    return { path, shape, data };
  }
  return undefined;
}

/**
 * Flattens a tree. `allowNull` accepts null leaves (missing gradients). Paths start with `root`
 * (`params.layers[2].bias`).
 */
export function flatten(fn: string, root: string, tree: unknown, allowNull = false): Flat {
  const leaves: (Leaf | null)[] = [];
  const build: ((values: readonly unknown[], at: { i: number }) => unknown)[] = [];
  const walk = (x: unknown, path: string): ((values: readonly unknown[], at: { i: number }) => unknown) => {
    if (x === null || x === undefined) {
      if (allowNull && x === null) {
        leaves.push(null);
        return (v, at) => v[at.i++];
      }
      throw new TypeError(
        `${fn}: ${path} must be a parameter (tensor, Float32Array, Float64Array or { shape, data }), got ${describe(x)}`,
      );
    }
    const leaf = asLeaf(fn, path, x);
    if (leaf) {
      leaves.push(leaf);
      return (v, at) => v[at.i++];
    }
    if (Array.isArray(x)) {
      const items = x.map((item, i) => walk(item, `${path}[${i}]`));
      return (v, at) => items.map((b) => b(v, at));
    }
    if (
      typeof x === 'object' &&
      (Object.getPrototypeOf(x) === Object.prototype || Object.getPrototypeOf(x) === null)
    ) {
      const keys = Object.keys(x);
      const items = keys.map((k) =>
        walk(
          (x as Record<string, unknown>)[k],
          /^[A-Za-z_$][\w$]*$/.test(k) ? `${path}.${k}` : `${path}[${JSON.stringify(k)}]`,
        ),
      );
      return (v, at) => {
        const out: Record<string, unknown> = {};
        keys.forEach((k, i) => {
          out[k] = items[i]!(v, at);
        });
        return out;
      };
    }
    throw new TypeError(
      `${fn}: ${path} must be a parameter (tensor, Float32Array, Float64Array or { shape, data }) or a record or array of them, got ${describe(x)}`,
    );
  };
  const top = walk(tree, root);
  build.push(top);
  return { leaves, rebuild: <T>(values: readonly T[]) => top(values, { i: 0 }) };
}

/** Checks that `other` (grads, updates) has the structure, shapes and dtypes of `ref` (params or state). */
export function checkSame(
  fn: string,
  ref: readonly (Leaf | null)[],
  other: readonly (Leaf | null)[],
  otherRoot: string,
  refRoot: string,
): void {
  if (other.length !== ref.length) {
    throw new TypeError(
      `${fn}: ${otherRoot} has ${other.length} leaves but ${refRoot} has ${ref.length}: the trees must have the same structure`,
    );
  }
  for (let i = 0; i < ref.length; i++) {
    const a = ref[i];
    const b = other[i];
    if (!a || !b) continue;
    const refPath = a.path.slice(refRoot.length);
    const path = b.path.slice(otherRoot.length);
    if (refPath !== path) {
      throw new TypeError(
        `${fn}: ${b.path} does not match ${a.path}: the trees must have the same structure`,
      );
    }
    const sameShape =
      a.bare || b.bare || (a.shape.length === b.shape.length && a.shape.every((d, k) => d === b.shape[k]));
    if (a.data.length !== b.data.length || !sameShape) {
      throw new RangeError(
        `${fn}: ${b.path} has shape ${shapeText(b.shape)}, expected ${shapeText(a.shape)} (the shape of ${a.path})`,
      );
    }
    if (a.data.constructor !== b.data.constructor) {
      throw new TypeError(
        `${fn}: ${b.path} is a ${b.data.constructor.name}, expected a ${a.data.constructor.name} (the dtype of ${a.path})`,
      );
    }
  }
}

/** Throws, naming the path and the first bad index, when a gradient holds NaN or an infinity. */
/** Whether every value of `a` is finite (x * 0 is 0 for finite x, NaN otherwise). */
export function allFinite(a: FloatArray): boolean {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i]! * 0;
  return s === 0;
}

export function checkFinite(fn: string, leaf: Leaf): void {
  const g = leaf.data;
  if (allFinite(g)) return;
  for (let i = 0; i < g.length; i++) {
    if (!Number.isFinite(g[i]!)) {
      throw new RangeError(
        `${fn}: ${leaf.path} holds a non-finite gradient (${g[i]}) at index ${i}; chain applyIfFinite(...) to skip such steps`,
      );
    }
  }
}

export const shapeString = shapeText;
