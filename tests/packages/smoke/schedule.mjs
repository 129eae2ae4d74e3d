import assert from 'node:assert/strict';
import { cosineAnnealing, createScheduler, linearWarmup, oneCycle, sample } from '@dl/schedule';

const lr = linearWarmup(cosineAnnealing({ initial: 0.1, tMax: 100, mode: 'clamped' }), 10);
assert.equal(lr(0), 0.1 * 0.1);
assert.equal(sample(lr, 5).length, 5);
const optimizer = { lr: 0 };
const scheduler = createScheduler(optimizer, {
  schedules: { lr: oneCycle({ maxLr: 0.01, totalSteps: 100 }) },
});
scheduler.step();
assert.ok(optimizer.lr > 0.01 / 25);
assert.throws(() => oneCycle({ maxLr: 0.01, totalSteps: 100, pctStart: 1.2 }), RangeError);
console.log('ok');
