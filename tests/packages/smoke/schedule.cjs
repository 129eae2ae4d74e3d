const assert = require('node:assert/strict');
const { cosineAnnealing, linearWarmup, stepDecay } = require('@dl/schedule');

const lr = linearWarmup(cosineAnnealing({ initial: 0.1, tMax: 100, mode: 'clamped' }), 10);
assert.equal(lr(0), 0.1 * 0.1);
assert.ok(Math.abs(stepDecay({ initial: 1, stepSize: 2, gamma: 0.5 })(4) - 0.25) < 1e-15);
console.log('ok');
