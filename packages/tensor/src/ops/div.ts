import { record } from '../autograd/record';
import { binaryKernel, type Operand, operands } from '../kernels/binary';
import type { Tensor } from '../tensor';
import { mul } from './mul';
import { neg } from './neg';
import { sumTo } from './sumTo';

/**
 * Elementwise quotient $a / b$ with NumPy broadcasting (IEEE semantics: division by zero gives ±Infinity or NaN).
 *
 * @param a - a tensor or a number.
 * @param b - a tensor or a number.
 * @returns a tensor of the broadcast shape.
 * @example
 * ```ts
 * import { div, tensor } from '@dl/tensor';
 * div(tensor([1, 2]), 4).toArray(); // [0.25, 0.5]
 * ```
 */
export function div(a: Operand, b: Operand): Tensor {
  const [x, y] = operands('div', a, b);
  if (x.dtype === 'int32') throw new TypeError('div: int32 division is not supported; cast to float32 first');
  const out = binaryKernel('div', x, y, (p, q) => p / q, 'div');
  return record(
    'div',
    out,
    [x, y],
    (g) => {
      const gx = div(g, y);
      return [
        x.requiresGrad ? sumTo(gx, x.shape) : null,
        y.requiresGrad ? sumTo(neg(mul(gx, div(x, y))), y.shape) : null,
      ];
      // the backward reads y always, x for y's gradient (version checks)
    },
    0b10 | (y.requiresGrad ? 0b01 : 0),
  );
}
