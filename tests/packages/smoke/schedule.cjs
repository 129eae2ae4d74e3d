const assert = require('node:assert/strict');
const { constant } = require('@dl/schedule');

assert.equal(constant(0.1)(5), 0.1);
console.log('ok');
