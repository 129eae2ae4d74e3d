import assert from 'node:assert/strict';
import { crossValidate, kFold, stratifiedKFold } from '@dl/crossval';

const folds = [...kFold({ nSplits: 3 }).split({ nSamples: 10 })];
assert.deepEqual(Array.from(folds[0].test), [0, 1, 2, 3]);
const y = [0, 0, 0, 1, 1, 1, 0, 1, 0, 1];
const strat = [...stratifiedKFold({ nSplits: 2, shuffle: true, randomState: 0 }).split({ y })];
assert.equal(strat.length, 2);
const result = await crossValidate({
  splitter: kFold({ nSplits: 5 }),
  data: { nSamples: 10 },
  fit: async () => 1,
  evaluate: async (m) => m,
});
assert.equal(result.mean.score, 1);
console.log('ok');
