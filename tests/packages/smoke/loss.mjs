import assert from 'node:assert/strict';
import { crossEntropyLoss, crossEntropyLossValueAndGrad, mseLoss } from '@dl/loss';
import { tensor } from '@dl/tensor';

const logits = tensor([[0, 0]], { requiresGrad: true });
const loss = crossEntropyLoss(logits, [1]);
loss.backward();
assert.ok(Math.abs(loss.item() - Math.LN2) < 1e-6);
assert.deepEqual(Array.from(logits.grad.data), [0.5, -0.5]);
const plain = crossEntropyLossValueAndGrad(
  { shape: [1, 2], data: new Float32Array([0, 0]) },
  new Int32Array([1]),
);
assert.deepEqual(Array.from(plain.grad.data), [0.5, -0.5]);
assert.equal(mseLoss(tensor([1, 2]), tensor([1, 4]), { reduction: 'sum' }).item(), 4);
assert.throws(() => mseLoss(tensor([1, 2]), tensor([[1], [2]])), RangeError);
console.log('ok');
