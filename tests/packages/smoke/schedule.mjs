import assert from 'node:assert/strict';
import { constant } from '@dl/schedule';

assert.equal(constant(0.1)(5), 0.1);
console.log('ok');
