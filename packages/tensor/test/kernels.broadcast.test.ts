import fc from 'fast-check';
import { expect, test } from 'vitest';
import { broadcastTo, Tensor } from '../src/index';

/** broadcastTo element by element (the index map of NumPy's rules), the reference of the run-based kernel. */
function naive(x: Tensor, shape: number[]): number[] {
  const n = shape.reduce((a, b) => a * b, 1);
  const off = shape.length - x.rank;
  const out: number[] = [];
  for (let o = 0; o < n; o++) {
    let rem = o;
    let p = 0;
    let stride = 1;
    const idx = new Array<number>(shape.length);
    for (let k = shape.length - 1; k >= 0; k--) {
      idx[k] = rem % shape[k]!;
      rem = Math.floor(rem / shape[k]!);
    }
    for (let k = x.rank - 1; k >= 0; k--) {
      const dim = x.shape[k]!;
      p += (dim === 1 ? 0 : idx[k + off]!) * stride;
      stride *= dim;
    }
    out.push(x.data[p]!);
  }
  return out;
}

test('broadcastTo (runs of fills and copies) equals the element-by-element index map on random shapes', () => {
  fc.assert(
    fc.property(
      fc.array(fc.integer({ min: 1, max: 4 }), { minLength: 0, maxLength: 5 }),
      fc.array(fc.boolean(), { minLength: 5, maxLength: 5 }),
      fc.integer({ min: 0, max: 2 }),
      (shape, ones, drop) => {
        const xs = shape.slice(Math.min(drop, shape.length)).map((d, i) => (ones[i] ? 1 : d));
        const x = new Tensor(
          Float32Array.from({ length: xs.reduce((a, b) => a * b, 1) }, (_, i) => i + 0.5),
          xs,
          'float32',
        );
        expect(Array.from(broadcastTo(x, shape).data)).toEqual(naive(x, shape));
      },
    ),
    { numRuns: 300 },
  );
});
