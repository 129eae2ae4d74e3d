import { add, fromData, type Tensor, type TensorData, tensor, valueAndGrad } from '@dl/tensor';

const d: TensorData = { shape: [2], data: new Float32Array([1, 2]) };
const t: Tensor = add(fromData(d), tensor([3, 4]));
const [value, gradient] = valueAndGrad((x: Tensor) => add(x, 1))(tensor([2]));
const shape: readonly number[] = t.shape;

export { gradient, shape, value };
