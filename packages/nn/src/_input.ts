import { badArgument } from '@dl/internal';
import { type Tensor, Tensor as TensorClass } from '@dl/tensor';

/** @internal Throws a TypeError naming `Layer.forward` unless `x` is a Tensor (errors name the layer the user called). */
export function layerInput(layer: string, x: unknown): Tensor {
  if (!(x instanceof TensorClass)) throw badArgument(`${layer}.forward`, 'x', 'a Tensor', x);
  return x;
}
