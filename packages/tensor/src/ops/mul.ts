import { record } from '../autograd/record';
import { binaryKernel, type Operand, operands } from '../kernels/binary';
import type { Tensor } from '../tensor';
import { sumTo } from './sumTo';

/**
 * Elementwise product $a \cdot b$ with NumPy broadcasting.
 *
 * @param a - a tensor or a number.
 * @param b - a tensor or a number.
 * @returns a tensor of the broadcast shape.
 * @example
 * ```ts
 * import { mul, tensor } from '@dl/tensor';
 * mul(tensor([1, 2, 3]), 2).toArray(); // [2, 4, 6]
 * ```
 */
export function mul(a: Operand, b: Operand): Tensor {
  const [x, y] = operands('mul', a, b);
  const out = binaryKernel('mul', x, y, (p, q) => p * q, 'mul');
  return record(
    'mul',
    out,
    [x, y],
    (g) => [
      x.requiresGrad ? sumTo(mul(g, y), x.shape) : null,
      y.requiresGrad ? sumTo(mul(g, x), y.shape) : null,
      // the backward reads y for x's gradient and x for y's, as PyTorch saves them (version checks)
    ],
    (x.requiresGrad ? 0b10 : 0) | (y.requiresGrad ? 0b01 : 0),
  );
}
