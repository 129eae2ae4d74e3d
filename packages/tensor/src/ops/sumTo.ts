import { type Shape, shapesEqual } from '../shape';
import type { Tensor } from '../tensor';
import { reshape } from './reshape';
import { sum } from './sum';

/**
 * @internal Sums a broadcast gradient back to `shape` (the inverse of broadcasting): sums the leading extra
 * dimensions and the dimensions where `shape` has size 1.
 */
export function sumTo(g: Tensor, shape: Shape): Tensor {
  if (shapesEqual(g.shape, shape)) return g;
  const lead = g.rank - shape.length;
  const axes: number[] = [];
  for (let i = 0; i < g.rank; i++) {
    if (i < lead || (shape[i - lead] === 1 && g.shape[i] !== 1)) axes.push(i);
  }
  return reshape(sum(g, { axis: axes }), shape);
}
