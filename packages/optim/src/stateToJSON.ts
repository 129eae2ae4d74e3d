/**
 * Turns a transformation's state into JSON-safe data: every `Float32Array` becomes `{ "float32": [...] }` and every
 * `Float64Array` `{ "float64": [...] }` (plain numbers print exactly, so the round trip through `JSON.stringify` /
 * `JSON.parse` and {@link stateFromJSON} is bit-exact); numbers, strings, booleans, `null`, arrays and records are
 * kept.
 *
 * @param state - a state made by `init` / `update`.
 * @returns JSON-safe data.
 * @example
 * ```ts
 * import { adam, stateFromJSON, stateToJSON } from '@dl/optim';
 * const opt = adam();
 * const state = opt.init({ w: new Float32Array([0.1]) });
 * const text = JSON.stringify(stateToJSON(state));
 * stateFromJSON<typeof state>(JSON.parse(text)).slots.expAvg[0] instanceof Float32Array; // true
 * ```
 */
export function stateToJSON(state: unknown): unknown {
  if (state instanceof Float32Array) return { float32: Array.from(state) };
  if (state instanceof Float64Array) return { float64: Array.from(state) };
  if (Array.isArray(state)) return state.map((s) => stateToJSON(s));
  if (state === null || typeof state !== 'object') {
    if (typeof state === 'number' && !Number.isFinite(state)) return { number: String(state) };
    if (typeof state === 'function' || typeof state === 'symbol' || typeof state === 'bigint') {
      throw new TypeError(`stateToJSON: state holds a ${typeof state}, which is not data`);
    }
    return state;
  }
  const out: Record<string, unknown> = {};
  for (const k of Object.keys(state)) out[k] = stateToJSON((state as Record<string, unknown>)[k]);
  return out;
}
