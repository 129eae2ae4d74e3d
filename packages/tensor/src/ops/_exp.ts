import { record } from '../autograd/record';
import { onDevice } from '../dispatch';
import { allocUninit } from '../memory/_pool';
import { Tensor } from '../tensor';
import { exp } from './exp';
import { mul } from './mul';

/**
 * @internal Private elementwise $e^x$ for the reduceShape area's backward formulas (softmax, logSoftmax,
 * logSumExp). Duplicates the elementwise area's `exp` so this area does not depend on it.
 */
export function expInternal(x: Tensor): Tensor {
  if (onDevice(x)) return exp(x); // the device's exp kernel (same values within float32)
  const d = x.data;
  const out = allocUninit(x.dtype, x.size);
  for (let i = 0; i < out.length; i++) out[i] = Math.exp(d[i]!);
  const y = new Tensor(out, x.shape, x.dtype);
  return record('exp', y, [x], (g) => [mul(g, y)]);
}
