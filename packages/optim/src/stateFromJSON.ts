/**
 * Rebuilds a state written by {@link stateToJSON}: `{ "float32": [...] }` becomes a `Float32Array`,
 * `{ "float64": [...] }` a `Float64Array`, `{ "number": "NaN" }` the number.
 *
 * @typeParam S - the state type expected (not checked: pass the result to the transformation that made it).
 * @param json - the parsed JSON.
 * @returns the state.
 * @example
 * ```ts
 * import { stateFromJSON } from '@dl/optim';
 * const s = stateFromJSON<{ count: number; mu: Float32Array }>({ count: 3, mu: { float32: [0.5] } });
 * s.mu[0]; // 0.5
 * ```
 */
export function stateFromJSON<S = unknown>(json: unknown): S {
  return walk(json) as S;
}

function walk(x: unknown): unknown {
  if (Array.isArray(x)) return x.map(walk);
  if (x === null || typeof x !== 'object') return x;
  const keys = Object.keys(x);
  const r = x as Record<string, unknown>;
  if (keys.length === 1) {
    if (keys[0] === 'float32' && Array.isArray(r['float32']))
      return Float32Array.from(r['float32'] as number[]);
    if (keys[0] === 'float64' && Array.isArray(r['float64']))
      return Float64Array.from(r['float64'] as number[]);
    if (keys[0] === 'number' && typeof r['number'] === 'string') return Number(r['number']);
  }
  const out: Record<string, unknown> = {};
  for (const k of keys) out[k] = walk(r[k]);
  return out;
}
