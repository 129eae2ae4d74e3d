const assert = require('node:assert/strict');
const { minMaxScaler } = require('@dl/norm');

const scaler = minMaxScaler();
const state = scaler.fit([[0], [10]]);
assert.deepEqual(scaler.transform([[5]], state), [[0.5]]);
console.log('ok');
