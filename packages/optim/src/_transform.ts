// The flat form every transformation implements once; the public tree form is derived from it.
import { describe } from '@dl/internal';
import { checkSame, type Flat, flatten, type Leaf } from './_tree';
import type { GradientTransformation, GradTree, ParamTree, UpdateTree } from './types';

/** What a flat update receives besides grads, state and params. */
export interface FlatContext {
  /** The public function name for errors (`adam.update`). */
  fn: string;
  /** Rebuilds the user's tree structure from per-leaf values (for user-written transformations). */
  rebuild: Flat['rebuild'];
}

/** A transformation on flattened trees. */
export interface FlatTransformation<S> {
  init(params: readonly Leaf[], fn: string): S;
  update(
    grads: readonly (Leaf | null)[],
    state: S,
    params: readonly Leaf[] | undefined,
    ctx: FlatContext,
  ): [(Leaf | null)[], S];
}

const FLAT = Symbol.for('@dl/optim.flat');

/** Makes a public transformation from its flat form. */
export function transformation<S>(name: string, flat: FlatTransformation<S>): GradientTransformation<S> {
  const t: GradientTransformation<S> = {
    init(params: ParamTree): S {
      const fn = `${name}.init`;
      return flat.init(flatten(fn, 'params', params).leaves as Leaf[], fn);
    },
    update(grads: GradTree, state: S, params?: ParamTree): [UpdateTree, S] {
      const fn = `${name}.update`;
      const g = flatten(fn, 'grads', grads, true);
      let p: Leaf[] | undefined;
      if (params !== undefined) {
        p = flatten(fn, 'params', params).leaves as Leaf[];
        checkSame(fn, p, g.leaves, 'grads', 'params');
      }
      const [u, s] = flat.update(g.leaves, state, p, { fn, rebuild: g.rebuild });
      return [g.rebuild(u.map((l) => (l ? l.data : null))) as UpdateTree, s];
    },
  };
  Object.defineProperty(t, FLAT, { value: flat });
  return t;
}

/**
 * The flat form of any transformation (user-written ones go through their tree form). With `fn` and `arg`, a
 * value that is not a transformation is a TypeError naming them.
 */
export function flatOf<S>(t: GradientTransformation<S>, fn?: string, arg?: string): FlatTransformation<S> {
  if (fn !== undefined) checkTransformation(fn, arg ?? 'inner', t);
  const f = (t as unknown as Record<symbol, FlatTransformation<S> | undefined>)[FLAT];
  if (f) return f;
  return {
    init: (params) => t.init(params.map((l) => l.data)),
    update(grads, state, params, ctx) {
      const [u, s] = t.update(
        grads.map((l) => (l ? l.data : null)),
        state,
        params?.map((l) => l.data),
      );
      const out = flatten(ctx.fn, 'updates', u, true).leaves;
      checkSame(ctx.fn, grads as Leaf[], out, 'updates', 'grads');
      return [out, s];
    },
  };
}

/** Throws a TypeError naming `fn` and `arg` unless `t` is an object with `init` and `update` functions. */
export function checkTransformation(fn: string, arg: string, t: unknown): void {
  const o = t as { init?: unknown; update?: unknown } | null;
  if (o === null || typeof o !== 'object' || typeof o.init !== 'function' || typeof o.update !== 'function') {
    throw new TypeError(
      `${fn}: ${arg} must be a gradient transformation (an object with init and update, such as adam()), got ${describe(t)}`,
    );
  }
}

/** Throws a TypeError naming `fn` unless `state` is a record holding the `keys` (the state init made). */
export function checkStateRecord(fn: string, state: unknown, keys: readonly string[]): void {
  if (state === null || typeof state !== 'object' || Array.isArray(state) || ArrayBuffer.isView(state)) {
    throw new TypeError(`${fn}: state must be the record made by init, got ${describe(state)}`);
  }
  for (const k of keys) {
    if (!(k in state)) {
      throw new TypeError(
        `${fn}: state must be the record made by init (with ${keys.join(', ')}); it has no ${k}`,
      );
    }
  }
}

/** A fresh leaf like `l` holding `data`. */
export const withData = (l: Leaf, data: Leaf['data']): Leaf => ({ path: l.path, shape: l.shape, data });

/** A zero array like the leaf's. */
export const zerosLike = (l: Leaf): Leaf['data'] =>
  l.data instanceof Float32Array ? new Float32Array(l.data.length) : new Float64Array(l.data.length);

/** Maps each present gradient leaf to a fresh array (missing ones stay null). */
export const mapLeaves = (
  grads: readonly (Leaf | null)[],
  f: (g: Leaf, j: number) => Leaf['data'],
): (Leaf | null)[] => grads.map((g, j) => (g ? withData(g, f(g, j)) : null));

/** Checks that a state is a record with the given array fields, one entry per leaf. */
export function checkStateArrays(fn: string, state: unknown, keys: readonly string[], n: number): void {
  if (state === null || typeof state !== 'object') {
    throw new TypeError(
      `${fn}: state must be the record made by init, got ${state === null ? 'null' : typeof state}`,
    );
  }
  for (const k of keys) {
    const a = (state as Record<string, unknown>)[k];
    if (!Array.isArray(a) || a.length !== n) {
      throw new TypeError(
        `${fn}: state.${k} must hold one array per parameter leaf (${n}); is it the state of another tree?`,
      );
    }
  }
}
