// Masks and labels: a function of the leaf path, or a tree of booleans / labels with the parameters' structure.
import { describe } from '@dl/internal';
import type { Leaf } from './_tree';

/** Per leaf value of a mask or labels argument given as a function `(path, shape) => value` or as a tree. */
export function perLeaf<T>(
  fn: string,
  arg: string,
  spec: unknown,
  leaves: readonly Leaf[],
  isValue: (x: unknown) => x is T,
): T[] {
  if (typeof spec === 'function') {
    return leaves.map((l) => {
      const v = (spec as (path: string, shape: readonly number[]) => unknown)(l.path, l.shape);
      if (!isValue(v))
        throw new TypeError(`${fn}: ${arg}(${JSON.stringify(l.path)}) returned ${describe(v)}`);
      return v;
    });
  }
  const out: T[] = [];
  const walk = (x: unknown, path: string) => {
    if (isValue(x)) out.push(x);
    else if (Array.isArray(x))
      x.forEach((y, i) => {
        walk(y, `${path}[${i}]`);
      });
    else if (x !== null && typeof x === 'object' && !ArrayBuffer.isView(x)) {
      for (const k of Object.keys(x)) walk((x as Record<string, unknown>)[k], `${path}.${k}`);
    } else throw new TypeError(`${fn}: ${path} must be a mask value, got ${describe(x)}`);
  };
  walk(spec, arg);
  if (out.length !== leaves.length) {
    throw new TypeError(
      `${fn}: ${arg} has ${out.length} leaves but the parameters have ${leaves.length}: they must have the same structure`,
    );
  }
  return out;
}

export const isBool = (x: unknown): x is boolean => typeof x === 'boolean';
export const isLabel = (x: unknown): x is string => typeof x === 'string';
