import {
  type CrossEntropyLossOptions,
  crossEntropyLoss,
  type LossValueAndGrad,
  mseLossValueAndGrad,
  type Reduction,
} from '@dl/loss';
import { type Tensor, tensor } from '@dl/tensor';

const reduction: Reduction = 'sum';
const options: CrossEntropyLossOptions = { labelSmoothing: 0.1, reduction, weight: [1, 2] };
const loss: Tensor = crossEntropyLoss(tensor([[0, 1]]), new Int32Array([1]), options);
const plain: LossValueAndGrad = mseLossValueAndGrad(new Float32Array([1]), new Float32Array([2]));
const value: number | { shape: readonly number[] } = plain.value;

export { loss, value };
