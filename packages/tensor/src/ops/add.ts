import { SAVES_NONE } from '../autograd/node';
import { record } from '../autograd/record';
import { binaryKernel, type Operand, operands } from '../kernels/binary';
import type { Tensor } from '../tensor';
import { sumTo } from './sumTo';

/**
 * Elementwise sum $a + b$ with NumPy broadcasting.
 *
 * @param a - a tensor or a number.
 * @param b - a tensor or a number.
 * @returns a tensor of the broadcast shape.
 * @example
 * ```ts
 * import { add, tensor } from '@dl/tensor';
 * add(tensor([[1], [2]]), tensor([10, 20])).toArray(); // [[11, 21], [12, 22]]
 * ```
 */
export function add(a: Operand, b: Operand): Tensor {
  const [x, y] = operands('add', a, b);
  const out = binaryKernel('add', x, y, (p, q) => p + q, 'add');
  return record('add', out, [x, y], (g) => [sumTo(g, x.shape), sumTo(g, y.shape)], SAVES_NONE);
}
