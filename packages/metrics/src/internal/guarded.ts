import { describe } from '@dl/internal';
import type { StreamingMetric } from '../StreamingMetric';

/**
 * @internal Wraps an accumulator so that `update`, `merge` and `compute` reject a state that is not one of its own
 * (a record with the keys of `init()`), and errors of accumulators it is built on name this one.
 */
export function guarded<S, B extends unknown[], R>(
  name: string,
  m: StreamingMetric<S, B, R>,
): StreamingMetric<S, B, R> {
  const keys = Object.keys(m.init() as object);
  const check = (method: string, arg: string, s: unknown): void => {
    if (typeof s !== 'object' || s === null || Array.isArray(s) || keys.some((k) => !(k in s))) {
      throw new TypeError(
        `${name}.${method}: ${arg} must be a state of ${name} (from init(), update() or merge()), got ${describe(s)}`,
      );
    }
  };
  const own = (method: string, run: () => unknown) => {
    try {
      return run();
    } catch (e) {
      const m = e instanceof Error ? /^streaming\w+\.\w+:/.exec(e.message) : null;
      if (m && (e instanceof TypeError || e instanceof RangeError) && !m[0].startsWith(`${name}.`)) {
        throw new (e instanceof TypeError ? TypeError : RangeError)(
          `${name}.${method}:${e.message.slice(m[0].length)}`,
        );
      }
      throw e;
    }
  };
  return {
    init: () => m.init(),
    update: (state, ...batch) => {
      check('update', 'state', state);
      return own('update', () => m.update(state, ...batch)) as S;
    },
    merge: (a, b) => {
      check('merge', 'a', a);
      check('merge', 'b', b);
      return own('merge', () => m.merge(a, b)) as S;
    },
    compute: (state) => {
      check('compute', 'state', state);
      return own('compute', () => m.compute(state)) as R;
    },
  };
}
