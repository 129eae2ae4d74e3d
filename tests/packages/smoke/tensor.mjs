import assert from 'node:assert/strict';
import { fromData, mul, sum, tensor, toData } from '@dl/tensor';

const x = tensor([1, 2, 3], { requiresGrad: true });
sum(mul(x, x)).backward();
assert.deepEqual(x.grad.toArray(), [2, 4, 6]);
const data = new Float32Array([1, 2, 3, 4]);
assert.equal(toData(fromData({ shape: [2, 2], data })).data, data);
console.log('ok');
