const assert = require('node:assert/strict');
const { bceWithLogitsLoss, mseLossValueAndGrad } = require('@dl/loss');
const { tensor } = require('@dl/tensor');

assert.deepEqual(
  bceWithLogitsLoss(tensor([1e4, -1e4]), tensor([1, 0]), { reduction: 'none' }).toArray(),
  [0, 0],
);
const { value, grad } = mseLossValueAndGrad(new Float32Array([1, 2]), new Float32Array([1, 4]));
assert.equal(value, 2);
assert.deepEqual(Array.from(grad.data), [0, -2]);
console.log('ok');
