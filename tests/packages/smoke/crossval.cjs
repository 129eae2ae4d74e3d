const assert = require('node:assert/strict');
const { kFold, trainTestSplit } = require('@dl/crossval');

const folds = [...kFold({ nSplits: 3 }).split({ nSamples: 10 })];
assert.deepEqual(Array.from(folds[2].test), [7, 8, 9]);
assert.throws(() => kFold({ nSplits: 1 }), RangeError);
assert.equal(typeof trainTestSplit, 'function');
console.log('ok');
