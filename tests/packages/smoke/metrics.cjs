const assert = require('node:assert/strict');
const { accuracyScore, confusionMatrix } = require('@dl/metrics');

assert.equal(accuracyScore([0, 1, 1, 0], [0, 1, 0, 0]), 0.75);
assert.deepEqual(confusionMatrix(['x', 'y'], ['y', 'y']), [
  [0, 1],
  [0, 1],
]);
assert.throws(() => accuracyScore([], []), RangeError);
console.log('ok');
