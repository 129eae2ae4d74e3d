import { describe } from '@dl/internal';
import type { Curves } from './diagnoseCurves';

/** @internal Reads one run or a list of runs of aligned loss curves; errors name `fn` and `arg`. */
export function checkCurves(fn: string, arg: string, runs: unknown): Curves[] {
  const list = Array.isArray(runs) ? runs : [runs];
  if (list.length === 0) throw new RangeError(`${fn}: ${arg} must hold at least one run, got []`);
  return list.map((c, r) => {
    const at = list.length > 1 || Array.isArray(runs) ? `${arg}[${r}]` : arg;
    if (c === null || typeof c !== 'object' || Array.isArray(c)) {
      throw new TypeError(`${fn}: ${at} must be an object { train, validation?, test? }, got ${describe(c)}`);
    }
    const { train } = c as Curves;
    if (!Array.isArray(train) || train.length === 0) {
      throw new TypeError(`${fn}: ${at}.train must be a non-empty array of numbers, got ${describe(train)}`);
    }
    for (const key of ['train', 'validation', 'test'] as const) {
      const curve = (c as Curves)[key];
      if (curve === undefined) continue;
      if (!Array.isArray(curve))
        throw new TypeError(`${fn}: ${at}.${key} must be an array of numbers, got ${describe(curve)}`);
      if (curve.length !== train.length) {
        throw new RangeError(
          `${fn}: ${at}.${key} has ${curve.length} values but ${at}.train has ${train.length}; curves must be aligned by epoch`,
        );
      }
      curve.forEach((v, i) => {
        if (typeof v !== 'number')
          throw new TypeError(`${fn}: ${at}.${key}[${i}] must be a number, got ${describe(v)}`);
      });
    }
    return c as Curves;
  });
}
