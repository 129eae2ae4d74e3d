import { expect, it, describe as suite } from 'vitest';
import { defineOptions, unknownOption } from './defineOptions';

interface SumOptions {
  axis?: number | number[];
  keepDims?: boolean;
}
const sumOptions = defineOptions<SumOptions>()('sum', { axis: undefined, keepDims: false });

interface LeakyOptions {
  negativeSlope?: number;
}
const leakyOptions = defineOptions<LeakyOptions>()(
  'LeakyReLU',
  { negativeSlope: 0.01 },
  { positional: 'negativeSlope' },
);

suite('defineOptions', () => {
  it('fills defaults, keeps given values, ignores keys set to undefined', () => {
    expect(sumOptions(undefined)).toEqual({ axis: undefined, keepDims: false });
    expect(sumOptions({ keepDims: true, axis: [0, 1] })).toEqual({ axis: [0, 1], keepDims: true });
    expect(sumOptions({ keepDims: undefined })).toEqual({ axis: undefined, keepDims: false });
  });

  it('returns a fresh object each call (callers may mutate it)', () => {
    const a = sumOptions(undefined);
    a.keepDims = true;
    expect(sumOptions(undefined).keepDims).toBe(false);
  });

  it('lists keys and defaults as declared', () => {
    expect(sumOptions.keys).toEqual(['axis', 'keepDims']);
    expect(sumOptions.defaults).toEqual({ axis: undefined, keepDims: false });
    expect(sumOptions.fn).toBe('sum');
  });

  it("maps foreign spellings: PyTorch's dim and keepdim", () => {
    expect(() => sumOptions({ dim: 1 })).toThrow(
      new TypeError("sum: unknown option 'dim'; did you mean 'axis'? (PyTorch's name)"),
    );
    expect(() => sumOptions({ keepdim: true })).toThrow(
      new TypeError("sum: unknown option 'keepdim'; did you mean 'keepDims'? (PyTorch's name)"),
    );
  });

  it('suggests the closest name for a typo, and lists the valid names when nothing is close', () => {
    expect(() => sumOptions({ keepDim: true })).toThrow(
      new TypeError("sum: unknown option 'keepDim'; did you mean 'keepDims'?"),
    );
    expect(() => sumOptions({ frobnicate: 1 })).toThrow(
      new TypeError("sum: unknown option 'frobnicate'; valid options are 'axis', 'keepDims'"),
    );
  });

  it('names the function the user called when given', () => {
    expect(() => sumOptions({ dim: 0 }, 'mean')).toThrow(/^mean: unknown option 'dim'/);
  });

  it('rejects non-object options unless a positional option is declared', () => {
    expect(() => sumOptions(1)).toThrow(
      new TypeError('sum: options must be an object like { axis: … }, got 1'),
    );
    expect(() => sumOptions('1')).toThrow(
      new TypeError('sum: options must be an object like { axis: … }, got "1"'),
    );
    expect(() => sumOptions(null)).toThrow(/got null/);
    expect(() => sumOptions([1])).toThrow(/got \[1\]/);
    expect(() => sumOptions(new Map())).toThrow(/got a Map/);
    expect(leakyOptions(0.2)).toEqual({ negativeSlope: 0.2 });
    expect(leakyOptions({ negativeSlope: 0.3 })).toEqual({ negativeSlope: 0.3 });
    expect(() => leakyOptions({ negative_slope: 0.3 })).toThrow(
      new TypeError("LeakyReLU: unknown option 'negative_slope'; did you mean 'negativeSlope'?"),
    );
  });

  it('accepts objects without a prototype', () => {
    const o = Object.create(null) as Record<string, unknown>;
    o.keepDims = true;
    expect(sumOptions(o).keepDims).toBe(true);
  });

  it('unknownOption says when a function takes no options', () => {
    expect(unknownOption('relu', 'inplace', []).message).toBe(
      "relu: unknown option 'inplace'; it takes no options",
    );
  });
});

suite('defineOptions registry and positional arrays', () => {
  it('reads an array as the positional option only when asked', () => {
    const axisOptions = defineOptions<SumOptions>()(
      'mean',
      { axis: undefined, keepDims: false },
      { positional: 'axis', positionalArray: true },
    );
    expect(axisOptions([0, 1])).toEqual({ axis: [0, 1], keepDims: false });
    expect(axisOptions(1)).toEqual({ axis: 1, keepDims: false });
    expect(axisOptions.positional).toBe('axis');
    expect(() => leakyOptions([0.2])).toThrow(/options must be an object/);
  });

  it('lists every reader made', async () => {
    const { definedOptions } = await import('./defineOptions');
    expect(definedOptions()).toContain(sumOptions);
    expect(definedOptions()).toContain(leakyOptions);
  });
});

suite('defineOptions required', () => {
  it('rejects a missing options object when the options are required', () => {
    interface StepOptions {
      stepSize: number;
    }
    const read = defineOptions<StepOptions>()('stepDecay', { stepSize: undefined }, { required: true });
    expect(() => read(undefined)).toThrow(
      new TypeError('stepDecay: options must be an object like { stepSize: … }, got undefined'),
    );
    expect(read({ stepSize: 2 })).toEqual({ stepSize: 2 });
  });
});
