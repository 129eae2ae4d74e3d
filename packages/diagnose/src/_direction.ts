import { badArgument, checkOneOf, describe } from '@dl/internal';
import { checkSeed } from './_operator';
import { normals } from './_random';

/** @internal `filterNormalizedDirection` with errors under `fn`. */
export function filterNormalizedDirectionAs(
  fn: string,
  point: unknown,
  o: { shapes?: readonly (readonly number[])[] | undefined; biases: unknown; seed: unknown },
): Float64Array {
  const x = checkPoint(fn, point);
  const n = x.length;
  const biases = checkOneOf(fn, 'biases', o.biases, ['zero', 'weight'] as const);
  const rand = normals(checkSeed(fn, o.seed));
  const shapes = o.shapes === undefined ? [[n]] : checkShapes(fn, o.shapes, n);
  const d = new Float64Array(n);
  for (let i = 0; i < n; i++) d[i] = rand();
  let offset = 0;
  for (const shape of shapes) {
    const size = shape.reduce((a, b) => a * b, 1);
    if (shape.length <= 1 && o.shapes !== undefined) {
      for (let i = offset; i < offset + size; i++) d[i] = biases === 'zero' ? 0 : x[i]!;
    } else {
      const rows = shape.length <= 1 ? 1 : shape[0]!;
      const width = size / rows;
      for (let r = 0; r < rows; r++) {
        const from = offset + r * width;
        let dn = 0;
        let wn = 0;
        for (let i = from; i < from + width; i++) {
          dn += d[i]! ** 2;
          wn += x[i]! ** 2;
        }
        const c = Math.sqrt(wn) / (Math.sqrt(dn) + 1e-10);
        for (let i = from; i < from + width; i++) d[i]! *= c;
      }
    }
    offset += size;
  }
  return d;
}

/** @internal Copies a non-empty array of finite numbers. */
export function checkPoint(fn: string, point: unknown): Float64Array {
  if (
    point === null ||
    typeof point !== 'object' ||
    typeof (point as ArrayLike<number>).length !== 'number' ||
    (point as ArrayLike<number>).length === 0
  ) {
    throw badArgument(fn, 'point', 'a non-empty array of numbers', point);
  }
  const x = Float64Array.from(point as ArrayLike<number>);
  for (let i = 0; i < x.length; i++) {
    if (!Number.isFinite(x[i]!)) {
      throw new RangeError(
        `${fn}: point[${i}] must be a finite number, got ${describe((point as ArrayLike<number>)[i])}`,
      );
    }
  }
  return x;
}

function checkShapes(fn: string, shapes: unknown, n: number): (readonly number[])[] {
  if (!Array.isArray(shapes) || shapes.length === 0) {
    throw badArgument(fn, 'shapes', 'a non-empty array of shapes like [[64, 10], [64]]', shapes);
  }
  let total = 0;
  shapes.forEach((s, i) => {
    if (!Array.isArray(s) || s.some((d) => typeof d !== 'number' || !Number.isInteger(d) || d < 1)) {
      throw badArgument(fn, `shapes[${i}]`, 'an array of integers >= 1', s);
    }
    total += s.reduce((a: number, b: number) => a * b, 1);
  });
  if (total !== n) {
    throw new RangeError(
      `${fn}: shapes must hold the point's ${n} numbers, got ${total} (${describe(shapes)})`,
    );
  }
  return shapes as (readonly number[])[];
}
