const assert = require('node:assert/strict');
const { sgd, createOptimizer } = require('@dl/optim');

const p = { data: new Float64Array([1]), grad: new Float64Array([2]) };
createOptimizer([p], sgd({ lr: 0.25 })).step();
assert.equal(p.data[0], 0.5);
console.log('ok');
