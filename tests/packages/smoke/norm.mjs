import assert from 'node:assert/strict';
import { standardScaler } from '@dl/norm';
import { tensor } from '@dl/tensor';

const scaler = standardScaler();
const state = JSON.parse(JSON.stringify(scaler.fit([[0], [2], [4]])));
assert.deepEqual(scaler.transform([[2]], state), [[0]]);
assert.equal(scaler.transform(tensor([[4]]), state).dtype, 'float32');
console.log('ok');
