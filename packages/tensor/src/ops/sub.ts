import { SAVES_NONE } from '../autograd/node';
import { record } from '../autograd/record';
import { binaryKernel, type Operand, operands } from '../kernels/binary';
import type { Tensor } from '../tensor';
import { neg } from './neg';
import { sumTo } from './sumTo';

/**
 * Elementwise difference $a - b$ with NumPy broadcasting.
 *
 * @param a - a tensor or a number.
 * @param b - a tensor or a number.
 * @returns a tensor of the broadcast shape.
 * @example
 * ```ts
 * import { sub, tensor } from '@dl/tensor';
 * sub(tensor([5, 7]), 1).toArray(); // [4, 6]
 * ```
 */
export function sub(a: Operand, b: Operand): Tensor {
  const [x, y] = operands('sub', a, b);
  const out = binaryKernel('sub', x, y, (p, q) => p - q, 'sub');
  return record(
    'sub',
    out,
    [x, y],
    (g) => [sumTo(g, x.shape), y.requiresGrad ? sumTo(neg(g), y.shape) : null],
    SAVES_NONE,
  );
}
