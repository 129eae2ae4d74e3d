import { describe, expect, test } from 'vitest';
import { defineOptions } from './defineOptions';
import { extraArgument, rejectExtraArgument } from './extraArgument';

interface ReduceOptions {
  axis?: number | number[];
  keepDims?: boolean;
}
const reduce = defineOptions<ReduceOptions>()(
  'sum',
  { axis: undefined, keepDims: false },
  { positional: 'axis' },
);
const plain = defineOptions<ReduceOptions>()('norm', { axis: undefined, keepDims: false });

describe('extraArgument', () => {
  test('names the function, the position (ordinal) and the value, with the declared parameters', () => {
    expect(extraArgument('add', 2, 1).message).toBe('add: unexpected 3rd argument 1; it takes 2 arguments');
    expect(extraArgument('neg', 1, '5').message).toBe(
      'neg: unexpected 2nd argument "5"; it takes 1 argument',
    );
    expect(extraArgument('ReLU', 0, () => 1).message).toBe(
      'ReLU: unexpected 1st argument a function; it takes no arguments',
    );
    expect(extraArgument('f', 10, null).message).toMatch(/^f: unexpected 11th argument null;/);
    expect(extraArgument('f', 20, null).message).toMatch(/^f: unexpected 21st argument null;/);
    expect(extraArgument('f', 11, null).message).toMatch(/^f: unexpected 12th argument null;/);
    expect(extraArgument('add', 2, 1)).toBeInstanceOf(TypeError);
  });

  test('suggests the options object meant by PyTorch-style positional hyperparameters', () => {
    // sum(x, 1, true): the bare axis, then the next option in the reader's order
    expect(extraArgument('sum', 2, true, 1, reduce).message).toBe(
      'sum: unexpected 3rd argument true; pass options as { axis: 1, keepDims: true }',
    );
    // the reader's name can differ from the function the user called (mean shares sum's reader)
    expect(extraArgument('mean', 2, true, [0, 1], reduce).message).toBe(
      'mean: unexpected 3rd argument true; pass options as { axis: [0, 1], keepDims: true }',
    );
    // an options object after a bare value: merged (Dropout(0.5, { seed }))
    expect(extraArgument('sum', 2, { keepDims: true }, 0, reduce).message).toBe(
      'sum: unexpected 3rd argument { keepDims: true }; pass options as { axis: 0, keepDims: true }',
    );
    // an options object, then a bare value: the first option not given
    expect(extraArgument('sum', 2, true, { axis: 1 }, reduce).message).toBe(
      'sum: unexpected 3rd argument true; pass options as { axis: 1, keepDims: true }',
    );
  });

  test('without a meaning to suggest, says to put every option in the options object', () => {
    // no positional option: a bare value in the options position has no meaning to carry over
    expect(extraArgument('norm', 2, true, 1, plain).message).toBe(
      'norm: unexpected 3rd argument true; pass every option in the options object (argument 2)',
    );
    // every option already given
    expect(extraArgument('sum', 2, 3, { axis: 1, keepDims: true }, reduce).message).toMatch(
      /pass every option in the options object \(argument 2\)$/,
    );
    // something that is not a reader is ignored
    expect(extraArgument('f', 1, 2, {}, (() => 1) as never).message).toBe(
      'f: unexpected 2nd argument 2; it takes 1 argument',
    );
    expect(extraArgument('f', 2, { a: 1, b: 'x' }).message).toBe(
      'f: unexpected 3rd argument { a: 1, b: "x" }; it takes 2 arguments',
    );
  });
});

describe('rejectExtraArgument (what the build-time check calls)', () => {
  class Base {}
  class Derived extends Base {}
  // a bundler may rename a class (`var Base = class _Base`): the public name is the one in `site`
  const Renamed = class _Renamed {};
  const message = (f: () => void) => {
    try {
      f();
    } catch (e) {
      return (e as Error).message;
    }
    return 'no error';
  };

  test('an explicit undefined is let through; anything else throws the TypeError', () => {
    expect(rejectExtraArgument(undefined, 2, 'add')).toBeUndefined();
    expect(() => rejectExtraArgument(1, 2, 'add')).toThrow(TypeError);
    expect(message(() => rejectExtraArgument(1, 2, 'add'))).toBe(
      'add: unexpected 3rd argument 1; it takes 2 arguments',
    );
    expect(message(() => rejectExtraArgument(true, 2, 'sum', 1, reduce))).toBe(
      'sum: unexpected 3rd argument true; pass options as { axis: 1, keepDims: true }',
    );
  });

  test('constructors name the class constructed; methods the class of the receiver', () => {
    // new Base(x): new.target is the class itself, named by its public name even when renamed
    expect(message(() => rejectExtraArgument(5, 0, 'Renamed', undefined, undefined, Renamed, Renamed))).toBe(
      'Renamed: unexpected 1st argument 5; it takes no arguments',
    );
    expect(message(() => rejectExtraArgument(5, 0, 'Base', undefined, undefined, Derived, Base))).toMatch(
      /^Derived: unexpected 1st argument 5;/,
    );
    // a method declared by Base, called on a Derived: Derived.m
    expect(
      message(() => rejectExtraArgument(5, 1, 'Base.m', undefined, undefined, new Derived(), Base)),
    ).toBe('Derived.m: unexpected 2nd argument 5; it takes 1 argument');
    expect(
      message(() => rejectExtraArgument(5, 1, 'Renamed.m', undefined, undefined, new Renamed(), Renamed)),
    ).toMatch(/^Renamed\.m: /);
    // a static method (this is the class), and a method called without a receiver
    expect(
      message(() => rejectExtraArgument(5, 1, 'Base.from', undefined, undefined, Derived, Base)),
    ).toMatch(/^Derived\.from: /);
    expect(message(() => rejectExtraArgument(5, 1, 'Base.m', undefined, undefined, undefined, Base))).toMatch(
      /^Base\.m: unexpected 2nd argument 5;/,
    );
  });
});
