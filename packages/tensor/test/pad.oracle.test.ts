import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { withGradMode } from '../src/autograd/gradMode';
import { gradients, mul, type PadMode, pad, sum, tensor } from '../src/index';
import { checkGrad, leaf64 } from './gradcheck';

interface Case {
  mode: PadMode;
  shape: number[];
  pads: number[];
  x: number[];
  outShape: number[];
  y: number[];
  w: number[];
  gradX: number[];
}
const fixture: { cases: Case[] } = JSON.parse(
  readFileSync(new URL('../fixtures/pad.json', import.meta.url), 'utf8'),
);

describe("pad's reflect / replicate / circular modes equal torch.nn.functional.pad (float64)", () => {
  test.each(fixture.cases.map((c) => [`${c.mode} [${c.shape}] by [${c.pads}]`, c] as const))(
    '%s',
    (_n, c) => {
      const x = leaf64(c.x, c.shape);
      const y = pad(x, c.pads, { mode: c.mode });
      expect(y.shape).toEqual(c.outShape);
      expect(Array.from(y.data)).toEqual(c.y); // copies: exact
      const w = tensor(Float64Array.from(c.w), { shape: c.outShape });
      const [g] = gradients(sum(mul(y, w)), [x]);
      g!.data.forEach((v, k) => {
        expect(v).toBeCloseTo(c.gradX[k]!, 12);
      });
    },
  );
});

describe('pad modes: gradients and second derivatives by finite differences, float32, errors', () => {
  test.each(['reflect', 'replicate', 'circular'] as const)('%s: gradient and double backward', (mode) => {
    const x = leaf64(
      Array.from({ length: 24 }, (_, i) => Math.sin(i * 0.7)),
      [2, 3, 4],
    );
    checkGrad((t) => pad(t, [2, 1, 1, 2], { mode }), [x]);
    // The backward is itself differentiable: d/dx of the gradient of sum(pad(x)³) by finite differences
    // (recording forced on: checkGrad evaluates the finite differences inside noGrad).
    checkGrad(
      (t) =>
        withGradMode(true, () => {
          const y = pad(t, [1, 2], { mode });
          return gradients(sum(mul(mul(y, y), y)), [t], { createGraph: true })[0]!;
        }),
      [x],
    );
  });

  test('float32 keeps its dtype; pads of zero and empty pads return the input values', () => {
    const x = tensor([
      [1, 2, 3],
      [4, 5, 6],
    ]);
    const y = pad(x, [1, 1, 1, 0], { mode: 'replicate' });
    expect(y.dtype).toBe('float32');
    expect(y.toArray()).toEqual([
      [1, 1, 2, 3, 3],
      [1, 1, 2, 3, 3],
      [4, 4, 5, 6, 6],
    ]);
    expect(pad(x, [0, 0], { mode: 'reflect' }).toArray()).toEqual(x.toArray());
    expect(pad(x, [], { mode: 'circular' }).toArray()).toEqual(x.toArray());
  });

  test("rejects what F.pad rejects: reflect pads >= the size, circular pads > the size, 'value' with a non-constant mode, unknown modes", () => {
    const x = tensor([[1, 2, 3]]);
    expect(() => pad(x, [3, 0], { mode: 'reflect' })).toThrow(
      "pad: mode 'reflect' needs pads smaller than the size (at most 2) along axis 1 of shape [1, 3], got pads [3, 0]",
    );
    expect(() => pad(x, [0, 0, 1, 0], { mode: 'reflect' })).toThrow('at most 0) along axis 0');
    expect(() => pad(x, [4, 0], { mode: 'circular' })).toThrow(
      "pad: mode 'circular' needs pads at most the size (3) along axis 1 of shape [1, 3], got pads [4, 0]",
    );
    expect(() => pad(tensor(new Float32Array(0), { shape: [0] }), [1, 0], { mode: 'replicate' })).toThrow(
      "pad: mode 'replicate' needs a non-empty axis along axis 0 of shape [0], got pads [1, 0]",
    );
    expect(() => pad(x, [1, 0], { mode: 'reflect', value: 1 })).toThrow(
      "pad: value applies only to mode 'constant', got value 1 with mode 'reflect'",
    );
    expect(() => pad(x, [1, 0], { mode: 'symmetric' as PadMode })).toThrow(
      `pad: mode must be 'constant', 'reflect', 'replicate' or 'circular', got "symmetric"`,
    );
  });
});
