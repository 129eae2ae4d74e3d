import { describe } from '@dl/internal';
/**
 * Argument checks shared by the factories. Internal: every message names the function, the option, the value
 * received and the allowed range.
 */

/** Formats a received value for an error message (strings quoted, functions described): `@dl/internal`'s. */
export const show: (value: unknown) => string = describe;

/** Throws unless `step` is a finite number >= 0. */
export function checkStep(fn: string, step: number): void {
  if (typeof step !== 'number' || !(step >= 0) || step === Number.POSITIVE_INFINITY) {
    throw new RangeError(`${fn}: step must be a finite number >= 0, got ${show(step)}`);
  }
}

/** Throws a TypeError unless `value` is a finite number; returns it. */
export function finite(fn: string, name: string, value: number): number {
  if (typeof value !== 'number' || !Number.isFinite(value)) {
    throw new TypeError(`${fn}: ${name} must be a finite number, got ${show(value)}`);
  }
  return value;
}

/** Throws unless `value` is a finite number > 0 (or >= 0 when `allowZero`). */
export function positive(fn: string, name: string, value: number, allowZero = false): number {
  finite(fn, name, value);
  if (allowZero ? value < 0 : value <= 0) {
    throw new RangeError(`${fn}: ${name} must be ${allowZero ? '>= 0' : '> 0'}, got ${value}`);
  }
  return value;
}

/** Throws unless `value` is an integer >= `min`. */
export function integer(fn: string, name: string, value: number, min: number): number {
  finite(fn, name, value);
  if (!Number.isInteger(value) || value < min) {
    throw new RangeError(`${fn}: ${name} must be an integer >= ${min}, got ${value}`);
  }
  return value;
}

/** Throws unless `lo < value < hi` (or `lo < value <= hi` when `closedHigh`). */
export function inRange(
  fn: string,
  name: string,
  value: number,
  lo: number,
  hi: number,
  closedHigh = false,
): number {
  finite(fn, name, value);
  if (!(value > lo && (closedHigh ? value <= hi : value < hi))) {
    throw new RangeError(`${fn}: ${name} must be in (${lo}, ${hi}${closedHigh ? ']' : ')'}, got ${value}`);
  }
  return value;
}

/** Throws unless `value` is one of `allowed`. */
export function oneOf<T extends string>(fn: string, name: string, value: T, allowed: readonly T[]): T {
  if (!allowed.includes(value)) {
    throw new RangeError(`${fn}: ${name} must be one of ${allowed.map(show).join(', ')}, got ${show(value)}`);
  }
  return value;
}

/** Throws a TypeError unless `value` is a function. */
export function isFunction<T>(fn: string, name: string, value: T): T {
  if (typeof value !== 'function') {
    throw new TypeError(`${fn}: ${name} must be a function (a Schedule), got ${show(value)}`);
  }
  return value;
}
