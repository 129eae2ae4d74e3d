import { describe } from './describe';

/**
 * The error for a bad argument, in the house wording: `fn: name must be <expected>, got <value>`.
 * @param fn - the public function the user called.
 * @param name - the argument or option (`options.axis`, `x`).
 * @param expected - what is allowed (`a finite number`, `an integer >= 1`).
 * @param value - what was received; printed with {@link describe}.
 * @param kind - `TypeError` for a wrong kind of value (the default), `RangeError` for a right kind out of range.
 * @returns the error to throw.
 */
export function badArgument(
  fn: string,
  name: string,
  expected: string,
  value: unknown,
  kind: 'TypeError' | 'RangeError' = 'TypeError',
): TypeError | RangeError {
  const message = `${fn}: ${name} must be ${expected}, got ${describe(value)}`;
  return kind === 'RangeError' ? new RangeError(message) : new TypeError(message);
}

/** Throws unless `value` is a number (TypeError) that is finite (RangeError); returns it. */
export function checkFinite(fn: string, name: string, value: unknown): number {
  if (typeof value !== 'number') throw badArgument(fn, name, 'a finite number', value);
  if (!Number.isFinite(value)) throw badArgument(fn, name, 'a finite number', value, 'RangeError');
  return value;
}

/** Throws unless `value` is a finite number > 0 (`>= 0` when `allowZero`); returns it. */
export function checkPositive(fn: string, name: string, value: unknown, allowZero = false): number {
  const what = allowZero ? 'a finite number >= 0' : 'a finite number > 0';
  if (typeof value !== 'number') throw badArgument(fn, name, what, value);
  if (!Number.isFinite(value) || (allowZero ? value < 0 : value <= 0)) {
    throw badArgument(fn, name, what, value, 'RangeError');
  }
  return value;
}

/** Throws unless `value` is an integer in `[min, max]`; returns it. */
export function checkInteger(
  fn: string,
  name: string,
  value: unknown,
  min = Number.NEGATIVE_INFINITY,
  max = Number.POSITIVE_INFINITY,
): number {
  const what =
    min === Number.NEGATIVE_INFINITY && max === Number.POSITIVE_INFINITY
      ? 'an integer'
      : max === Number.POSITIVE_INFINITY
        ? `an integer >= ${min}`
        : min === Number.NEGATIVE_INFINITY
          ? `an integer <= ${max}`
          : `an integer in [${min}, ${max}]`;
  if (typeof value !== 'number') throw badArgument(fn, name, what, value);
  if (!Number.isInteger(value) || value < min || value > max) {
    throw badArgument(fn, name, what, value, 'RangeError');
  }
  return value;
}

/** Throws unless `value` is a finite number in `[lo, hi]` (`(lo, hi)` etc. by `bounds`); returns it. */
export function checkInRange(
  fn: string,
  name: string,
  value: unknown,
  lo: number,
  hi: number,
  bounds: '[]' | '[)' | '(]' | '()' = '[]',
): number {
  const what = `a number in ${bounds[0]}${lo}, ${hi}${bounds[1]}`;
  if (typeof value !== 'number') throw badArgument(fn, name, what, value);
  const aboveLo = bounds[0] === '[' ? value >= lo : value > lo;
  const belowHi = bounds[1] === ']' ? value <= hi : value < hi;
  if (!(aboveLo && belowHi)) throw badArgument(fn, name, what, value, 'RangeError');
  return value;
}

/** Throws unless `value` is `true` or `false`; returns it. */
export function checkBoolean(fn: string, name: string, value: unknown): boolean {
  if (typeof value !== 'boolean') throw badArgument(fn, name, 'true or false', value);
  return value;
}

/** Throws unless `value` is one of `allowed` (compared with `===`; strings printed quoted); returns it. */
export function checkOneOf<T>(fn: string, name: string, value: unknown, allowed: readonly T[]): T {
  if (!allowed.includes(value as T)) {
    throw badArgument(fn, name, `one of ${allowed.map((a) => describe(a)).join(', ')}`, value);
  }
  return value as T;
}

/** Throws a TypeError unless `value` is a function; `what` says which (`a Schedule (step => value)`). */
export function checkFunction<F extends (...args: never[]) => unknown>(
  fn: string,
  name: string,
  value: unknown,
  what = 'a function',
): F {
  if (typeof value !== 'function') throw badArgument(fn, name, what, value);
  return value as F;
}
