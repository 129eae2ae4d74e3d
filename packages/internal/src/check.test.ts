import { expect, it, describe as suite } from 'vitest';
import {
  badArgument,
  checkBoolean,
  checkFinite,
  checkFunction,
  checkInRange,
  checkInteger,
  checkOneOf,
  checkPositive,
} from './check';

suite('value checks', () => {
  it('word errors as fn: name must be …, got <value>, strings quoted', () => {
    expect(badArgument('f', 'x', 'a number', '5')).toEqual(new TypeError('f: x must be a number, got "5"'));
    expect(badArgument('f', 'x', 'a number', 5, 'RangeError')).toBeInstanceOf(RangeError);
  });

  it('checkFinite: TypeError for a non-number, RangeError for NaN and infinities', () => {
    expect(checkFinite('f', 'x', -2.5)).toBe(-2.5);
    expect(() => checkFinite('f', 'x', '1')).toThrow(new TypeError('f: x must be a finite number, got "1"'));
    expect(() => checkFinite('f', 'x', Number.NaN)).toThrow(RangeError);
    expect(() => checkFinite('f', 'x', Number.NEGATIVE_INFINITY)).toThrow(/got -Infinity$/);
  });

  it('checkPositive and checkInteger state the bound', () => {
    expect(checkPositive('f', 'lr', 0.1)).toBe(0.1);
    expect(checkPositive('f', 'lr', 0, true)).toBe(0);
    expect(() => checkPositive('f', 'lr', 0)).toThrow(
      new RangeError('f: lr must be a finite number > 0, got 0'),
    );
    expect(() => checkPositive('f', 'lr', null)).toThrow(TypeError);
    expect(checkInteger('f', 'n', 3, 1)).toBe(3);
    expect(() => checkInteger('f', 'n', 1.5, 1)).toThrow(
      new RangeError('f: n must be an integer >= 1, got 1.5'),
    );
    expect(() => checkInteger('f', 'n', 9, 0, 4)).toThrow(/an integer in \[0, 4\], got 9/);
    expect(() => checkInteger('f', 'n', 9, undefined, 4)).toThrow(/an integer <= 4/);
    expect(() => checkInteger('f', 'n', [1])).toThrow(new TypeError('f: n must be an integer, got [1]'));
  });

  it('checkInRange honours open and closed bounds', () => {
    expect(checkInRange('f', 'p', 0, 0, 1)).toBe(0);
    expect(() => checkInRange('f', 'p', 0, 0, 1, '(]')).toThrow(
      new RangeError('f: p must be a number in (0, 1], got 0'),
    );
    expect(() => checkInRange('f', 'p', Number.NaN, 0, 1)).toThrow(RangeError);
  });

  it('checkBoolean, checkOneOf and checkFunction describe what they got', () => {
    expect(checkBoolean('f', 'b', false)).toBe(false);
    expect(() => checkBoolean('f', 'b', 0)).toThrow(new TypeError('f: b must be true or false, got 0'));
    expect(checkOneOf('f', 'mode', 'min', ['min', 'max'])).toBe('min');
    expect(() => checkOneOf('f', 'mode', 'mean', ['min', 'max'])).toThrow(
      new TypeError('f: mode must be one of "min", "max", got "mean"'),
    );
    const g = () => 1;
    expect(checkFunction('f', 'g', g)).toBe(g);
    expect(() => checkFunction('f', 'g', 1, 'a Schedule')).toThrow(
      new TypeError('f: g must be a Schedule, got 1'),
    );
  });
});
