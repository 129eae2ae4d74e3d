import { createGenerator, full, mul, sum, tensor } from '@dl/tensor';
import { describe, expect, test } from 'vitest';
import { Dropout } from './Dropout';
import { Linear } from './Linear';
import { Sequential } from './Sequential';

describe('Dropout', () => {
  test('training: zeroes about p of the elements and scales the rest by 1/(1-p)', () => {
    const drop = new Dropout({ p: 0.3, seed: 1 });
    const y = drop.forward(full([20000], 2));
    const zeros = Array.from(y.data).filter((v) => v === 0).length;
    expect(Math.abs(zeros / 20000 - 0.3)).toBeLessThan(0.015);
    expect(
      Array.from(y.data).every((v) => v === 0 || v === Math.fround(2 * Math.fround(1 / Math.fround(0.7)))),
    ).toBe(true);
  });

  test('evaluation mode returns the input itself; train() switches dropout back on', () => {
    const drop = new Dropout({ seed: 0 });
    const x = full([100], 1);
    drop.eval();
    expect(drop.forward(x)).toBe(x);
    drop.train();
    expect(drop.forward(x)).not.toBe(x);
  });

  test('follows the mode of an enclosing Sequential', () => {
    const model = new Sequential(new Linear(3, 3, { seed: 0 }), new Dropout({ p: 0.9, seed: 0 }));
    const x = tensor([[1, 2, 3]]);
    model.eval();
    const a = model.forward(x).toArray();
    expect(model.forward(x).toArray()).toEqual(a);
    expect(model.at(1).training).toBe(false);
  });

  test('masks are reproducible from a seed or generator, and differ between calls', () => {
    const a = new Dropout({ seed: 7 });
    const b = new Dropout({ generator: createGenerator(7) });
    const x = full([64], 1);
    const a1 = a.forward(x).toArray();
    expect(b.forward(x).toArray()).toEqual(a1);
    expect(a.forward(x).toArray()).not.toEqual(a1);
  });

  test('the gradient uses the same mask as the forward pass', () => {
    const x = full([50], 1, { requiresGrad: true });
    const y = new Dropout({ p: 0.5, seed: 3 }).forward(x);
    sum(mul(y, 1)).backward();
    expect(x.grad!.toArray()).toEqual(y.toArray());
  });

  test('p = 0 is the identity, p = 1 gives zeros; no parameters or state', () => {
    const x = tensor([1, -2, 3]);
    expect(new Dropout({ p: 0 }).forward(x)).toBe(x);
    expect(new Dropout({ p: 1 }).forward(x).toArray()).toEqual([0, -0, 0]);
    const d = new Dropout({ seed: 0 });
    expect(d.parameters()).toEqual([]);
    expect(d.stateDict()).toEqual({});
    expect(d.p).toBe(0.5);
  });

  test('a number is shorthand for { p }', () => {
    expect(new Dropout(0.2).p).toBe(0.2);
    expect(() => new Dropout(2)).toThrow('Dropout: p (dropout probability) must be in [0, 1], got 2');
    expect(() => new Dropout('0.2' as unknown as number)).toThrow(
      'Dropout: p (dropout probability) must be in [0, 1], got "0.2"',
    );
  });

  test('p outside [0, 1] is a RangeError', () => {
    expect(() => new Dropout({ p: 1.5 })).toThrow(
      'Dropout: p (dropout probability) must be in [0, 1], got 1.5',
    );
    expect(() => new Dropout({ p: Number.NaN })).toThrow(RangeError);
  });
});
