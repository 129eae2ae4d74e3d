import assert from 'node:assert/strict';
import { confusionMatrix, f1Score, precisionRecallFscoreSupport } from '@dl/metrics';

assert.deepEqual(confusionMatrix([0, 1, 1], [0, 1, 0]), [
  [1, 0],
  [1, 1],
]);
assert.equal(f1Score(['a', 'b', 'b'], ['a', 'b', 'b'], { average: 'macro' }), 1);
assert.deepEqual(precisionRecallFscoreSupport([0, 1], [0, 1]).support, [1, 1]);
assert.throws(() => f1Score([0, 1], [0]), RangeError);
console.log('ok');
