const assert = require('node:assert/strict');
const { Linear, ReLU, Sequential } = require('@dl/nn');
const { tensor } = require('@dl/tensor');

const model = new Sequential(new Linear(2, 3, { seed: 0 }), new ReLU(), new Linear(3, 1, { seed: 1 }));
assert.deepEqual(model.forward(tensor([[1, 2]])).shape, [1, 1]);
assert.deepEqual(Object.keys(model.stateDict()), ['0.weight', '0.bias', '2.weight', '2.bias']);
console.log('ok');
