const assert = require('node:assert/strict');
const { mul, sum, tensor } = require('@dl/tensor');

const x = tensor([1, 2, 3], { requiresGrad: true });
sum(mul(x, x)).backward();
assert.deepEqual(x.grad.toArray(), [2, 4, 6]);
console.log('ok');
