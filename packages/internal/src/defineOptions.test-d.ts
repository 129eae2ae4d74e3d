import { expectTypeOf, test } from 'vitest';
import { defineOptions } from './defineOptions';

interface SumOptions {
  axis?: number | number[];
  keepDims?: boolean;
}

test('resolved options: keys with a default are never undefined, computed ones may be', () => {
  const read = defineOptions<SumOptions>()('sum', { axis: undefined, keepDims: false });
  expectTypeOf(read(undefined).keepDims).toEqualTypeOf<boolean>();
  expectTypeOf(read(undefined).axis).toEqualTypeOf<number | number[] | undefined>();
});

test('the defaults must list exactly the keys of the options type', () => {
  // @ts-expect-error keepDims is missing
  defineOptions<SumOptions>()('sum', { axis: undefined });
  // @ts-expect-error dim is not an option of SumOptions
  defineOptions<SumOptions>()('sum', { axis: undefined, keepDims: false, dim: 0 });
});

test('a required key keeps its declared type', () => {
  interface StepOptions {
    stepSize: number;
    gamma?: number;
  }
  const read = defineOptions<StepOptions>()('stepDecay', { stepSize: undefined, gamma: 0.1 });
  expectTypeOf(read({ stepSize: 3 }).stepSize).toEqualTypeOf<number>();
  expectTypeOf(read({ stepSize: 3 }).gamma).toEqualTypeOf<number>();
});
