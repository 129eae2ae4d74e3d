import assert from 'node:assert/strict';
import { adamw, applyUpdates, chain, clipByGlobalNorm, createOptimizer } from '@dl/optim';

const params = { w: new Float32Array([1, 2]) };
const tx = chain(clipByGlobalNorm(1), adamw({ lr: 0.1 }));
const [updates] = tx.update({ w: new Float32Array([3, 4]) }, tx.init(params), params);
applyUpdates(params, updates);
assert.ok(params.w[0] < 1 && params.w[1] < 2);
const p = { data: new Float32Array([1]), grad: new Float32Array([1]) };
const opt = createOptimizer([p], adamw({ lr: 0.1 }));
opt.step();
assert.ok(p.data[0] < 1);
assert.throws(() => adamw({ lr: -1 }), RangeError);
console.log('ok');
